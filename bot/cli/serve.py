"""`policybot serve`: the HTTP API, web chat, staff console and WeChat push, via uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: Annotated[str, typer.Option(help="地址")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="端口")] = 8000,
        log_level: Annotated[str, typer.Option(help="uvicorn 日志级别")] = "info",
        access_log: Annotated[bool, typer.Option(help="逐条记录访问日志")] = True,
        keep_alive: Annotated[int, typer.Option(help="空闲连接保持秒数")] = 75,
        read_timeout: Annotated[
            float, typer.Option(help="每个请求（头与正文）须在此秒数内收完，否则断开")
        ] = 10.0,
        max_connections: Annotated[int, typer.Option(help="最多同时连接数，超出即回 503")] = 1000,
        listen_when_ready: Annotated[
            bool,
            typer.Option(
                "--listen-when-ready/--listen-at-once",
                help="知识库与模型加载完毕后才监听端口（前置 nginx 等无主动健康检查的代理时使用）",
            ),
        ] = False,
    ) -> None:
        """启动服务：网页问答（/）、热线工作台（/staff）、API（/docs）与微信消息推送（/wechat）。"""
        import os

        # Nothing may reach the network at run time: the model is loaded from local files.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
        # Questions are answered in parallel worker threads; OpenBLAS's own thread pool,
        # called from several threads at once, thrashes (measured: 90 → 15 answers/s on two
        # cores). One BLAS thread per worker; set before numpy is first imported.
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

        import uvicorn
        from pydantic import ValidationError

        from bot.service.app import create_app
        from bot.service.serving import uvicorn_config
        from bot.settings import get_settings

        try:
            settings = get_settings()
        except ValidationError as exc:
            messages = "; ".join(str(e.get("msg", "")) for e in exc.errors())
            typer.echo(f"错误：配置无效：{messages}", err=True)
            raise typer.Exit(2) from None
        typer.echo(f"影视政策助手：http://{host}:{port}/  （工作台 /staff，接口文档 /docs）")
        config = uvicorn_config(
            create_app(settings, load_before_serving=listen_when_ready),
            host=host,
            port=port,
            keep_alive=keep_alive,
            read_timeout=read_timeout,
            max_connections=max_connections,
            log_level=log_level,
            access_log=access_log,
        )
        uvicorn.Server(config).run()
