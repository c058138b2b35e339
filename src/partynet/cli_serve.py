"""`partynet serve` (the API and dashboard) and `partynet users add|list`."""

from __future__ import annotations

import os
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from partynet.cli_common import err, open_store, settings_of
from partynet.store.users import Role, UserError, Users

users_app = typer.Typer(
    help="People who use the API and the dashboard, and their roles.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.add_typer(users_app, name="users")


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="port to listen on")] = 8000,
    workers: Annotated[
        int, typer.Option("--workers", help="server processes (one per core serves most)")
    ] = 1,
) -> None:
    """Serve the REST API (OpenAPI at /docs) and the dashboard."""
    import uvicorn  # noqa: PLC0415 - only this command needs the server

    from partynet.api.app import create_app  # noqa: PLC0415

    settings = settings_of(ctx)
    if workers == 1:
        uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
        return
    # each worker process builds the app from the environment: hand it the store chosen here
    os.environ["PARTYNET_DB"] = settings.db_url
    uvicorn.run(
        "partynet.api.app:app_from_environment", factory=True, host=host, port=port, workers=workers,
        log_level="warning",
    )  # fmt: skip


@users_app.command("add")
def users_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="the user's name")],
    role: Annotated[Role, typer.Option("--role", help="viewer, analyst or admin")] = Role.VIEWER,
) -> None:
    """Add a user and print their token: it is shown this once and stored only as a hash."""
    with open_store(settings_of(ctx)) as store:
        try:
            token = Users(store).add(name, role)
        except UserError as exc:
            err.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from exc
    err.print(f"added {name} ({role.value}); their token, shown only now:")
    typer.echo(token)


@users_app.command("list")
def users_list(ctx: typer.Context) -> None:
    """The users and their roles (never their tokens)."""
    with open_store(settings_of(ctx)) as store:
        found = Users(store).list()
    table = Table("id", "name", "role", title=f"{len(found)} users")
    for user in found:
        table.add_row(str(user.id), user.name, user.role.value)
    Console().print(table)
