"""One chipwise replica as its own process, with the scripted model: `python -m support.replica
api|slack --port N`. The database and the data folder come from the CHIPWISE_* variables, as
for `chipwise api` and `chipwise slack`; FAKE_SLACK_URL points the Slack client at a fake."""

from __future__ import annotations

import argparse
import os
from typing import Any

import uvicorn
from slack_sdk import WebClient

from assistant import Settings, open_storage
from assistant.testing import ScriptedModel
from support.fake_slack import scripted_assistant
from ui.api import create_api
from ui.slack_app import create_slack_app, create_slack_asgi


def arguments(messages: list[dict[str, Any]]) -> dict[str, Any]:
    """The tool's arguments from every user turn the model sees: memory shows in the answer."""
    said = " ".join(str(m["content"]) for m in messages if m["role"] == "user").lower()
    if "phone" in said:
        return {"deployment": "mobile", "resolution": "720p", "duration_seconds": 10}
    return {}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["api", "slack"])
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    settings = Settings()
    storage = open_storage(settings)
    assistant = scripted_assistant(settings.data_dir)
    model = assistant.chat_model
    assert isinstance(model, ScriptedModel)
    model.arguments = arguments
    app: Any
    if args.kind == "api":
        app = create_api(assistant, storage=storage)
    else:
        token = os.environ["SLACK_BOT_TOKEN"]
        client = WebClient(token=token, base_url=os.environ["FAKE_SLACK_URL"])
        bolt = create_slack_app(
            assistant,
            token=token,
            signing_secret=os.environ["SLACK_SIGNING_SECRET"],
            client=client,
            memory=storage.threads,
            seen=storage.events,
        )
        app = create_slack_asgi(bolt)
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
