"""The floor for the webhook benchmark: a bare Flask + wechatpy app that echoes each text message.

It does what any WeChat webhook must (check the signature, parse the XML, render a reply) and
nothing else: no engine, no store, no logs. It runs under the same gunicorn settings as
`python -m bot serve` (bot.ops.server.gunicorn_options, from the same environment), so the
difference between the two is what the bot itself costs.

    WECHAT_TOKEN=bench-token python bench/echo_app.py --host 127.0.0.1 --port 8090
"""

import argparse
import os
import sys

from flask import Flask, request
from wechatpy import create_reply, parse_message
from wechatpy.exceptions import InvalidSignatureException
from wechatpy.utils import check_signature

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bot.config import load_config  # noqa: E402
from bot.ops.server import GunicornServer, gunicorn_options  # noqa: E402


def create_echo_app(token: str) -> Flask:
    app = Flask("echo")

    @app.post("/wechat")
    def wechat():
        try:
            check_signature(token, request.args.get("signature", ""), request.args.get("timestamp", ""),
                            request.args.get("nonce", ""))
        except InvalidSignatureException:
            return "bad signature", 403
        message = parse_message(request.get_data())
        return create_reply(getattr(message, "content", "success"), message).render(), 200, \
            {"Content-Type": "application/xml"}

    @app.get("/readyz")
    def ready():
        return "ok"

    return app


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--plain", action="store_true",
                        help="plain `gunicorn -w 2`: sync workers and gunicorn's defaults, the floor an outside reader picks")
    args = parser.parse_args()
    config = load_config(overrides={"HOST": args.host, "PORT": args.port})
    options = {"bind": f"{args.host}:{args.port}", "workers": 2} if args.plain else gunicorn_options(config)
    GunicornServer(lambda: create_echo_app(config["WECHAT_TOKEN"]), options).run()


if __name__ == "__main__":
    main()
