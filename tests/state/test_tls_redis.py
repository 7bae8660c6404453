"""REDIS_URL=rediss://…: the store and the served bot over TLS, against a real redis-server that
accepts only TLS, with a certificate made for the test. A certificate the bot cannot verify is
an outage like any other: it answers from memory and /readyz says why."""

import datetime
import ipaddress
import os
import subprocess

import pytest
import redis
from served import LOOPBACK, REDIS_SERVER, free_port, serve_bot, wait_for_redis
from wechat_client import TOKEN

from bot.state import create_store

pytestmark = pytest.mark.slow


def _self_signed(folder) -> tuple[str, str]:
    """A key and a certificate for 127.0.0.1, written as PEM files."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, LOOPBACK)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(LOOPBACK))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    key_path, cert_path = os.path.join(folder, "key.pem"), os.path.join(folder, "cert.pem")
    with open(key_path, "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()))
    with open(cert_path, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


@pytest.fixture(scope="module")
def tls_redis(tmp_path_factory):
    """(port, CA file) of a redis-server that speaks only TLS."""
    folder = str(tmp_path_factory.mktemp("tls-redis"))
    key, cert = _self_signed(folder)
    port = free_port()
    process = subprocess.Popen([REDIS_SERVER, "--port", "0", "--tls-port", str(port), "--bind", LOOPBACK,
                                "--tls-cert-file", cert, "--tls-key-file", key, "--tls-ca-cert-file", cert,
                                "--tls-auth-clients", "no", "--save", "", "--appendonly", "no", "--dir", folder,
                                "--loglevel", "warning"], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    client = redis.Redis(host=LOOPBACK, port=port, ssl=True, ssl_ca_certs=cert, socket_timeout=1)
    if not wait_for_redis(client, process):
        pytest.fail("redis-server did not start with TLS (is it built with TLS support?)", pytrace=False)
    yield port, cert
    client.close()
    process.terminate()
    process.wait(10)


def test_the_store_claims_counts_and_keeps_sessions_over_tls(tls_redis):
    port, ca = tls_redis
    url = f"rediss://{LOOPBACK}:{port}/0?ssl_ca_certs={ca}"
    store = create_store({"REDIS_URL": url, "WECHAT_APPID": "wxtls"})
    claimed, count, session = store.begin("msg:{o1}:1", "working", 4, "rate:{o1}", 60, "session:{o1}")
    assert claimed and count == 1 and session is None
    store.write([("session:{o1}", {"last": "西部办公室"}, 600), ("msg:{o1}:1", "<xml/>", 30)])
    again = store.begin("msg:{o1}:1", "working", 4, "rate:{o1}", 60, "session:{o1}")
    assert again[0] is False  # the retry finds the first delivery's claim
    assert store.primary.client.get("bot:wxtls:msg:{o1}:1") is not None  # in the TLS Redis, not in memory
    assert store.healthy


def test_the_served_bot_answers_and_shares_retries_over_tls(tls_redis, kb, tmp_path, wechat):
    port, ca = tls_redis
    env = {"KB_DIR": str(kb), "WECHAT_TOKEN": TOKEN, "REDIS_URL": f"rediss://{LOOPBACK}:{port}/1?ssl_ca_certs={ca}",
           "WEB_CONCURRENCY": "2", "GUNICORN_THREADS": "2"}
    with serve_bot(tmp_path, env) as bot:
        assert bot.get_json("/readyz")[1]["redis"] == "ok"
        xml = wechat.text("西部办公室是什么？")
        replies = {bot.push(wechat, xml) for _ in range(6)}  # WeChat's retries, landing on either worker
        assert len(replies) == 1 and next(iter(replies))[0] == 200
        assert "西部" in wechat.read(next(iter(replies))[1])["Content"]


def test_a_certificate_the_bot_cannot_verify_is_an_outage_not_an_error(tls_redis, kb, tmp_path, wechat):
    port, _ = tls_redis
    env = {"KB_DIR": str(kb), "WECHAT_TOKEN": TOKEN, "REDIS_URL": f"rediss://{LOOPBACK}:{port}/0"}  # no CA given
    with serve_bot(tmp_path, env, ready="/healthz") as bot:
        status, body = bot.push(wechat, wechat.text("西部办公室是什么？"))
        assert status == 200 and "西部" in wechat.read(body)["Content"]  # answered from memory
        status, ready = bot.get_json("/readyz")
        assert status == 503 and ready["redis"] != "ok"  # the proxy sends followers to a replica that has Redis
        assert "Traceback" not in bot.output()
