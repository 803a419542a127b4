"""Helpers for the service tests: app factories, a live server, signed WeChat requests."""
