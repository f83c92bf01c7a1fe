"""Helpers shared by the tests: real servers on loopback, a fake Slack Web API."""
