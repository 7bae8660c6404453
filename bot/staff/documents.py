"""The text of a document staff bring in: a web page, a Word file, a PDF or plain text.

Well-kept extractors do the reading, not code of ours: trafilatura finds a page's main text,
title and date (it is built for news pages and their chrome), python-docx reads .docx and
pypdf reads .pdf. What can go wrong with a file from outside — a broken or encrypted file, a
zip bomb dressed as .docx, a scan with no text — is an ImportRefused with a Chinese sentence,
and a log line for ops; never a traceback.
"""

import io
import logging
import zipfile
from dataclasses import dataclass

log = logging.getLogger(__name__)

# A .docx is a zip: its parts, unpacked, may take at most this much memory. Text and a few
# photos are far less; a zip bomb declares far more (zipfile never unpacks past what it declares).
MAX_DOCX_UNPACKED = 50 * 1024 * 1024
MAX_DOCX_PARTS = 2000  # parts in one .docx; a long report with many pictures has a few hundred
MAX_PDF_PAGES = 500  # pages read from one PDF: a notice is a few, a yearbook a few hundred
TEXT_ENCODINGS = ("utf-8-sig", "gb18030")  # UTF-8 (with or without BOM), then what Windows in China saves


class ImportRefused(Exception):
    """An import that cannot go on; str() is a Chinese sentence for staff saying what to do instead."""


def refused(message: str, reason: str, source: str = "") -> ImportRefused:
    """Log the refusal for ops (in English, with where it came from) and return the error to raise."""
    log.warning("import refused: %s", reason, extra={"event": "import_refused", "reason": reason,
                                                     "source": source[:300]})
    return ImportRefused(message)


@dataclass
class Extracted:
    """What a document says: its text, and for a web page the title and date its page names.

    A Word file's or PDF's title property is left alone: it is often a template's or the name of
    the file it was printed from, while the document's own first line is its real title."""

    text: str
    title: str = ""
    date: str = ""  # YYYY-MM-DD


def from_html(data: bytes | str, url: str = "", source: str = "") -> Extracted:
    """A web page's article: title, date and main text, without menus, footers and share buttons."""
    import trafilatura  # imported on first use: it loads lxml and date parsers the webhook never needs

    try:
        document = trafilatura.bare_extraction(data, url=url or None, with_metadata=True, include_tables=True,
                                               include_comments=False, favor_recall=True, deduplicate=False)
    except Exception as exc:  # a page bad enough to break the parser is refused like an empty one
        log.info("trafilatura failed on %s: %r", source or url, exc)
        document = None
    text = (getattr(document, "text", None) or "").strip()
    if not text:
        raise refused("这个网页里没有找到文章正文；请打开网页，复制文章文字，用“粘贴”导入。",
                      "no main text found in the page", source or url)
    title = (document.title or "").strip()
    lines = text.splitlines()
    heading = next((i for i, line in enumerate(lines[:5]) if title and line.strip() == title), None)
    if heading is not None:
        text = "\n".join(lines[:heading] + lines[heading + 1:]).strip()  # the title goes once, on the first line
    return Extracted(text, title, (document.date or "")[:10])


def from_docx(data: bytes, source: str = "") -> Extracted:
    """A Word (.docx) file's paragraphs and tables in their order, table cells joined by ｜."""
    import docx  # python-docx, on first use like trafilatura
    from docx.table import Table

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise refused("这个 .docx 文件打不开（可能已损坏，或不是 Word 文件）；请在 Word 里“另存为”.docx 后再上传。",
                      "not a zip file", source) from None
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_DOCX_UNPACKED or len(parts) > MAX_DOCX_PARTS:
        raise refused("这个 .docx 文件解开后太大，不像一篇文章；请只保留文字后再上传，或直接复制文字粘贴。",
                      f"docx unpacks to {unpacked} bytes in {len(parts)} parts", source)
    try:
        document = docx.Document(io.BytesIO(data))
        lines = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    cells = [cell.text.strip() for cell in row.cells]
                    lines.append("｜".join(c for i, c in enumerate(cells) if i == 0 or c != cells[i - 1]))
            else:
                lines.append(block.text)
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors... on a broken file
        raise refused("这个 .docx 文件打不开（可能已损坏）；请在 Word 里“另存为”.docx 后再上传。",
                      f"python-docx failed: {exc!r}", source) from None
    return _non_empty(Extracted("\n".join(lines).strip()), "Word 文件", source)


def from_pdf(data: bytes, source: str = "") -> Extracted:
    """A PDF's text, page by page (a scan has none: it is refused with a way out)."""
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise refused("这个 PDF 文件有密码保护，读不出文字；请去掉密码后再上传，或复制文字粘贴。",
                          "encrypted pdf", source)
        pages = [page.extract_text() or "" for page in reader.pages[:MAX_PDF_PAGES]]
    except ImportRefused:
        raise
    except Exception as exc:  # pypdf's errors on a broken file are many kinds
        raise refused("这个 PDF 文件打不开（可能已损坏）；请重新导出 PDF 后再上传，或复制文字粘贴。",
                      f"pypdf failed: {exc!r}", source) from None
    return _non_empty(Extracted("\n".join(pages).strip()), "PDF 文件", source)


def from_text(data: bytes, source: str = "") -> Extracted:
    """A plain-text file: UTF-8 (BOM or not), else GB18030 (which GBK files are)."""
    if b"\x00" in data[:4096]:
        raise refused("这个文件不是纯文本（可能是 Word 或图片）；请上传 .docx、.pdf，或另存为 UTF-8 的 .txt。",
                      "binary data in a .txt upload", source)
    for encoding in TEXT_ENCODINGS:
        try:
            return _non_empty(Extracted(data.decode(encoding).strip()), "文件", source)
        except UnicodeDecodeError:
            continue
    raise refused("这个文本文件的编码认不出来；请用记事本“另存为”，编码选“UTF-8”后再上传。",
                  "undecodable text", source)


def _non_empty(extracted: Extracted, kind: str, source: str) -> Extracted:
    if not extracted.text:
        raise refused(f"这个{kind}里没有读出文字（可能是扫描的图片）；请复制文章文字，用“粘贴”导入。",
                      "no text in the document", source)
    return extracted
