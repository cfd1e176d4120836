"""The app manifests ask for what the code uses, and point Slack at our one route."""

from pathlib import Path

import yaml  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parents[2]


def test_the_http_manifest_points_every_url_at_slack_events():
    manifest = yaml.safe_load((ROOT / "slack" / "manifest.yaml").read_text())
    [command] = manifest["features"]["slash_commands"]
    assert command["command"] == "/event" and command["url"].endswith("/slack/events")
    assert manifest["settings"]["interactivity"]["request_url"].endswith("/slack/events")
    assert {"commands", "chat:write", "im:write", "users:read", "files:read"} <= set(
        manifest["oauth_config"]["scopes"]["bot"])


def test_the_socket_mode_manifest_needs_no_public_url():
    manifest = yaml.safe_load((ROOT / "slack" / "manifest-socket-mode.yaml").read_text())
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert "url" not in manifest["features"]["slash_commands"][0]


def test_the_manifests_turn_on_the_home_tab_and_its_event():
    for name in ("manifest.yaml", "manifest-socket-mode.yaml"):
        manifest = yaml.safe_load((ROOT / "slack" / name).read_text())
        assert manifest["features"]["app_home"]["home_tab_enabled"] is True
        assert "app_home_opened" in manifest["settings"]["event_subscriptions"]["bot_events"]
