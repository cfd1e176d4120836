"""Slack is off until configured; Socket Mode replaces the HTTP route when an app token is set."""

from bot.app import build_runtime


def paths(runtime) -> set[str]:
    return {getattr(route, "path", "") for route in runtime.routes}


def test_slack_is_off_without_a_token(settings):
    runtime = build_runtime(settings)
    assert "/slack/events" not in paths(runtime) and runtime.notifiers == []


def test_http_mode_routes_slack_events(settings):
    runtime = build_runtime(settings.model_copy(update={
        "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}))
    assert "/slack/events" in paths(runtime)
    assert [n.platform.value for n in runtime.notifiers] == ["slack"]


def test_socket_mode_runs_as_a_task_instead_of_a_route(settings):
    runtime = build_runtime(settings.model_copy(update={
        "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"}))
    assert "/slack/events" not in paths(runtime)
    assert len(runtime.web_tasks) == 1
    assert [n.platform.value for n in runtime.notifiers] == ["slack"]
