"""Shared fixtures: real knowledge files, a real app, real signatures."""

import os
import shutil

import pytest

from bot import create_app

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KNOWLEDGE = os.path.join(ROOT, "knowledge")


@pytest.fixture
def kb(tmp_path):
    """A private copy of the shipped knowledge folder, safe to edit."""
    path = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, path)
    return path


@pytest.fixture
def app(kb):
    return create_app({"KB_DIR": str(kb), "WECHAT_TOKEN": "test-token", "REDIS_URL": ""}, environ={})


@pytest.fixture
def client(app):
    return app.test_client()
