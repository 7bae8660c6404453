"""WeChat Official Account knowledge bot: answers followers from the association's news."""

from .app import create_app

__all__ = ["create_app"]
