"""The HTTP service: FastAPI app, routes, WeChat push, rate limit, question log, web pages."""
