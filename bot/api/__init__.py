"""HTTP routers, one module per resource; `bot.app.create_app` assembles them."""
