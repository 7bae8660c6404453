"""WeChat's API as `menu push` calls it: wechatpy's client on the shared token, errors in Chinese.

wechatpy builds the requests and reads WeChat's answers; this adds what a fleet needs: the token
from the store (bot/staff/access_token.py), one new token (not an endless loop) when WeChat says
ours expired, the API's address from WECHAT_API_BASE (tests, private gateways), timeouts, and
errors that tell staff what to change. Secrets never reach a message: requests puts the URL, and
with it the AppSecret or the token, into its errors.
"""

import logging
import re

import requests  # wechatpy's HTTP client (installed with it): its errors are what a dead network raises
from wechatpy import WeChatClient
from wechatpy.exceptions import WeChatClientException

from .access_token import StoreSession, TokenWaitTimeout

log = logging.getLogger(__name__)

HTTP_TIMEOUT = 10  # seconds to connect, and again to read: WeChat answers in well under a second
TOKEN_REFUSED = {40001, 40014, 42001}  # invalid, malformed or expired access_token: fetch a new one, once
SECRET_WRONG = ("WECHAT_APPSECRET 不对（或已在公众平台重置）；请在公众平台“设置与开发 → 基本配置”里核对或重置"
                "开发者密码（AppSecret），填入 WECHAT_APPSECRET")
# What staff should do about the errcodes a menu push meets (WeChat's 全局返回码说明).
ADVICE = {
    -1: "微信服务器繁忙；请过几分钟再试",
    40013: "WECHAT_APPID 不对；请核对公众平台“设置与开发 → 基本配置”里的开发者ID（AppID）",
    40125: SECRET_WRONG,
    40164: "这台服务器的 IP 不在公众号的 IP 白名单里；请在公众平台“设置与开发 → 基本配置 → IP白名单”里"
           "加上这台服务器的公网 IP（就是上面微信原话里的那个 IP），几分钟后再试",
    40243: "AppSecret 已被冻结；请登录公众平台解冻后再试",
    45009: "今天调用这个接口的次数已经用完；请明天再试",
    48001: "这个公众号没有自定义菜单接口的权限（未认证的订阅号没有）；请先完成微信认证，"
           "或在公众平台“自定义菜单”里手工设置",
    89503: "这台服务器的 IP 调用接口需要公众号管理员确认；请管理员在微信里确认后再试",
}
# A token refused again right after it was renewed: something else fetches tokens with our AppSecret.
ADVICE.update(dict.fromkeys(TOKEN_REFUSED, "微信又拒绝了刚换的 access_token；可能有别的程序用同一个 AppSecret "
                                           "获取了新的 access_token（每获取一次，旧的就会失效）。请让所有程序都"
                                           "通过本机器人推送菜单，几分钟后再试"))
MENU_REJECTED = "微信认为菜单不合格；请运行 python -m bot check 检查 menu.txt，改好后再推送"
SECRETS_IN_URLS = re.compile(r"((?:secret|access_token)=)[^&\s'\")]+")


class WeChatApiError(Exception):
    """A request to WeChat that did not succeed; str() is a Chinese sentence for staff."""

    def __init__(self, message: str, errcode: int | None = None):
        super().__init__(message)
        self.errcode = errcode


class MenuClient(WeChatClient):
    """wechatpy's WeChatClient with its token in our store and its API at WECHAT_API_BASE."""

    def __init__(self, config: dict, store):
        super().__init__(config["WECHAT_APPID"], config["WECHAT_APPSECRET"], session=StoreSession(store),
                         timeout=HTTP_TIMEOUT, auto_retry=False)  # auto_retry would refresh without end
        self.API_BASE_URL = config["WECHAT_API_BASE"]

    def fetch_access_token(self, stale: str | None = None) -> str:
        """wechatpy calls this when the store has no token; `stale` is one WeChat has just refused."""
        try:
            return self.session.renew(self.access_token_key, self._token_from_wechat, stale)
        except TokenWaitTimeout as exc:
            raise WeChatApiError(str(exc)) from None

    def _token_from_wechat(self) -> tuple[str, int]:
        log.info("fetching an access_token from %stoken", self.API_BASE_URL)
        params = {"grant_type": "client_credential", "appid": self.appid, "secret": self.secret}
        try:
            response = self._http.get(self.API_BASE_URL + "token", params=params, timeout=HTTP_TIMEOUT)
            result = response.json()
        except requests.RequestException as exc:
            raise unreachable(self.API_BASE_URL, exc) from None
        except ValueError:
            raise WeChatApiError(f"获取 access_token 时，{self.API_BASE_URL}token 的回答不是微信的 JSON"
                                 f"（HTTP {response.status_code}）；请检查 WECHAT_API_BASE") from None
        errcode = int(result.get("errcode") or 0) if isinstance(result, dict) else None
        if errcode:
            advice = SECRET_WRONG if errcode == 40001 else ADVICE.get(errcode, "")
            raise refused("获取 access_token", errcode, result.get("errmsg", ""), advice)
        if errcode is None or not result.get("access_token"):
            raise WeChatApiError(f"{self.API_BASE_URL}token 的回答里没有 access_token；请检查 WECHAT_API_BASE")
        return result["access_token"], int(result.get("expires_in") or 7200)

    def create_menu(self, data: dict) -> None:
        """menu/create; when WeChat says the token expired, one new token and one more try."""
        for attempt in (1, 2):
            used = self.access_token
            try:
                result = self.menu.create(data)
            except WeChatClientException as exc:
                if exc.errcode in TOKEN_REFUSED and attempt == 1:
                    log.info("WeChat refused the access_token (errcode %s); fetching a new one", exc.errcode)
                    self.fetch_access_token(stale=used)
                    continue
                raise from_wechatpy("创建菜单", exc) from None
            except requests.RequestException as exc:
                raise unreachable(self.API_BASE_URL, exc) from None
            if not isinstance(result, dict):
                raise WeChatApiError(f"创建菜单时，{self.API_BASE_URL}menu/create 的回答不是微信的 JSON；"
                                     "请检查 WECHAT_API_BASE")
            log.info("menu created")
            return


def push_menu(config: dict, store, data: dict) -> None:
    """Send `data` (Menu.to_wechat()) to the account; raises WeChatApiError with what to change."""
    client = MenuClient(config, store)
    try:
        client.create_menu(data)
    finally:
        client._http.close()  # wechatpy's requests.Session: its connections, not left to the collector


def refused(what: str, errcode: int, errmsg: str, advice: str) -> WeChatApiError:
    """WeChat's errcode and own words, then what to change."""
    text = f"微信拒绝了“{what}”的请求（errcode {errcode}：{redact(str(errmsg))}）"
    return WeChatApiError(text + (f"。{advice}" if advice else "。请按微信的说明处理后再试"), errcode)


def from_wechatpy(what: str, exc: WeChatClientException) -> WeChatApiError:
    """wechatpy's error for a call, worded for staff."""
    if exc.errcode is None:  # wechatpy's wrapper of an HTTP error status
        status = exc.response.status_code if exc.response is not None else "?"
        return WeChatApiError(f"“{what}”的请求失败：微信接口回答 HTTP {status}；请过几分钟再试，"
                              "或检查 WECHAT_API_BASE")
    advice = ADVICE.get(exc.errcode) or (MENU_REJECTED if 40016 <= exc.errcode <= 40055 else "")
    return refused(what, exc.errcode, exc.errmsg, advice)


def unreachable(base: str, exc: Exception) -> WeChatApiError:
    """No answer at all: DNS, a refused connection, a timeout."""
    return WeChatApiError(f"连不上微信接口 {base}（{redact(str(exc))}）；请检查这台服务器能否访问外网，"
                          "以及 WECHAT_API_BASE 是否写对")


def redact(text: str) -> str:
    """`secret=…` and `access_token=…` in a URL inside an error, replaced by ***."""
    return SECRETS_IN_URLS.sub(r"\1***", text)
