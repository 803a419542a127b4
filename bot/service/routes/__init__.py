"""HTTP routers, one module per resource; `bot.service.app.create_app` assembles them."""
