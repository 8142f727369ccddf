"""``users``: accounts from the command line: add, list, reset a password, set roles,
(de)activate, tokens for scripts, and one's own password (``users passwd``).

On a database without accounts, ``users add NAME --name "…" --role beheerder`` makes the first
admin (set-up mode acts as the operating-system user with every role). A temporary password
is printed once; the account chooses its own at its first sign-in. A token is printed once
too: the database keeps only its sha256.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from carma_logistiek.cli import output
from carma_logistiek.cli.common import PROMPT, actor_for, open_database, signed_in
from carma_logistiek.domain.access import Role
from carma_logistiek.domain.errors import _error
from carma_logistiek.i18n import N_, _

if TYPE_CHECKING:
    from carma_logistiek.cli.common import SubParsers
    from carma_logistiek.services.accounts import AccountRow

PasswordsDiffer = _error(
    "PasswordsDiffer", N_("De twee wachtwoorden verschillen; er werd niets gewijzigd."))
PasswordNeeded = _error(
    "PasswordNeeded",
    N_("Geen wachtwoord gekregen: typ het in een terminal, of geef het op de eerste regel van "
       "de invoer met --password-stdin."))


def add_parsers(sub: SubParsers, common: argparse.ArgumentParser) -> None:
    group = sub.add_parser("users", help=_("gebruikers: toevoegen, lijst, wachtwoord, rollen, "
                                           "tokens"))
    actions = group.add_subparsers(dest="users_action", required=True)
    add = actions.add_parser("add", parents=[common], help=_("een nieuwe gebruiker"))
    add.add_argument("username", metavar="GEBRUIKERSNAAM")
    add.add_argument("--name", required=True, help=_("volledige naam"))
    add.add_argument("--staff", metavar="NUMMER", help=_("personeelsnummer"))
    _role_options(add, required=True)
    _password_stdin(add)
    add.set_defaults(handler=cmd_add)
    listing = actions.add_parser("list", parents=[common], help=_("toon de gebruikers"))
    listing.add_argument("--format", choices=output.FORMATS, default="table")
    listing.set_defaults(handler=cmd_list)
    reset = actions.add_parser("reset-password", parents=[common],
                               help=_("een tijdelijk wachtwoord geven (ook na vergrendeling)"))
    reset.add_argument("username", metavar="GEBRUIKERSNAAM")
    _password_stdin(reset)
    reset.set_defaults(handler=cmd_reset_password)
    roles = actions.add_parser("set-role", parents=[common],
                               help=_("de rollen van een gebruiker in een zone"))
    roles.add_argument("username", metavar="GEBRUIKERSNAAM")
    _role_options(roles, required=False)
    roles.add_argument("--no-role", action="store_true",
                       help=_("geen enkele rol meer in die zone"))
    roles.set_defaults(handler=cmd_set_role)
    for name, active, help_text in (("deactivate", False, _("uitschakelen: kan niet meer "
                                                            "aanmelden")),
                                    ("activate", True, _("weer inschakelen"))):
        state = actions.add_parser(name, parents=[common], help=help_text)
        state.add_argument("username", metavar="GEBRUIKERSNAAM")
        state.set_defaults(handler=cmd_set_active, active=active)
    _token_parsers(actions, common)
    passwd = actions.add_parser("passwd", parents=[common], help=_("uw eigen wachtwoord wijzigen"))
    _password_stdin(passwd, _("lees het huidige en het nieuwe wachtwoord van de invoer (een per "
                              "regel; zonder het huidige na aanmelden met een wachtwoord)"))
    passwd.set_defaults(handler=cmd_passwd, temporary_password_ok=True)


def _token_parsers(actions: argparse._SubParsersAction[argparse.ArgumentParser],
                   common: argparse.ArgumentParser) -> None:
    token = actions.add_parser("token", help=_("tokens voor scripts"))
    token_actions = token.add_subparsers(dest="token_action", required=True)
    create = token_actions.add_parser("create", parents=[common],
                                      help=_("een nieuw token (wordt eenmaal getoond)"))
    create.add_argument("username", metavar="GEBRUIKERSNAAM")
    create.add_argument("--name", required=True, help=_("waarvoor het token dient"))
    create.set_defaults(handler=cmd_token_create)
    revoke = token_actions.add_parser("revoke", parents=[common], help=_("een token intrekken"))
    revoke.add_argument("token_id", metavar="ID", type=int)
    revoke.set_defaults(handler=cmd_token_revoke)


def _role_options(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument("--role", action="append", required=required, metavar="ROL",
                        choices=[role.value for role in Role],
                        help=_("rol (herhaal voor meer): {roles}",
                               roles=", ".join(role.value for role in Role)))
    parser.add_argument("--zone", metavar="ZONE",
                        help=_("de zone van de rollen (standaard: uw zone)"))


def _password_stdin(parser: argparse.ArgumentParser, help_text: str | None = None) -> None:
    parser.add_argument("--password-stdin", action="store_true",
                        help=help_text or _("lees het tijdelijke wachtwoord van de eerste "
                                            "regel van de invoer in plaats van er een te maken"))


# --- commands -------------------------------------------------------------------------------


def cmd_add(args: argparse.Namespace) -> int:
    from carma_logistiek.services import accounts

    config, db = open_database(args)
    actor = actor_for(config)
    zone = args.zone or actor.zone
    password = _stdin_line() if args.password_stdin else accounts.temporary_password()
    row = accounts.create_account(db, username=args.username, full_name=args.name,
                                  staff_number=args.staff, roles=_roles(args.role),
                                  zone=zone, temporary_password=password, actor=actor)
    print(_("Gebruiker {username} aangemaakt ({name}), rollen in {zone}: {roles}.",
            username=row.username, name=row.full_name, zone=zone,
            roles=", ".join(row.roles_in(zone))))
    if not args.password_stdin:
        _print_temporary(password)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from carma_logistiek.services import accounts

    _config, db = open_database(args)
    rows = accounts.list_accounts(db)
    output.write(output.render(rows, args.format, record=_record, columns=_columns()))
    return 0


def _record(row: AccountRow) -> dict[str, object]:
    return {"username": row.username, "full_name": row.full_name,
            "staff_number": row.staff_number,
            "roles": {zone: list(roles) for zone, roles in row.roles.items()},
            "active": row.active, "must_change_password": row.must_change_password,
            "locked_until": row.locked_until.isoformat() if row.locked_until else None,
            "last_sign_in_at": row.last_sign_in_at.isoformat() if row.last_sign_in_at else None,
            "tokens": [{"id": t.id, "name": t.name, "active": t.active} for t in row.tokens]}


def _columns() -> list[output.Column[AccountRow]]:
    from carma_logistiek.i18n import format_datetime

    column = output.Column
    return [
        column(_("Gebruiker"), lambda r: r.username),
        column(_("Naam"), lambda r: r.full_name[:40]),
        column(_("Personeelsnr."), lambda r: r.staff_number or ""),
        column(_("Rollen"), lambda r: "; ".join(
            f"{zone}: {', '.join(roles)}" for zone, roles in r.roles.items())),
        column(_("Actief"), lambda r: _("ja") if r.active else _("nee")),
        column(_("Laatst aangemeld"), lambda r: format_datetime(r.last_sign_in_at)
               if r.last_sign_in_at else ""),
        column(_("Tokens"), lambda r: ", ".join(f"{t.id} {t.name}" for t in r.tokens
                                                if t.active)),
    ]


def cmd_reset_password(args: argparse.Namespace) -> int:
    from carma_logistiek.services import accounts

    config, db = open_database(args)
    password = _stdin_line() if args.password_stdin else accounts.temporary_password()
    row = accounts.reset_password(db, username=args.username, temporary_password=password,
                                  actor=actor_for(config))
    print(_("Wachtwoord van {username} hersteld; bij de volgende aanmelding kiest de gebruiker "
            "een nieuw.", username=row.username))
    if not args.password_stdin:
        _print_temporary(password)
    return 0


def cmd_set_role(args: argparse.Namespace) -> int:
    from carma_logistiek.services import accounts

    if not args.role and not args.no_role:
        print(_("Geef --role ROL (herhaal voor meer), of --no-role om elke rol in die zone "
                "weg te nemen."), file=sys.stderr)
        return 2
    config, db = open_database(args)
    actor = actor_for(config)
    zone = args.zone or actor.zone
    roles = frozenset() if args.no_role else _roles(args.role)
    row = accounts.set_roles(db, username=args.username, zone=zone, roles=roles, actor=actor)
    held = row.roles_in(zone)
    if held:
        print(_("{username} heeft in {zone} nu: {roles}.", username=row.username, zone=zone,
                roles=", ".join(held)))
    else:
        print(_("{username} heeft in {zone} geen rol meer.", username=row.username, zone=zone))
    return 0


def cmd_set_active(args: argparse.Namespace) -> int:
    from carma_logistiek.services import accounts

    config, db = open_database(args)
    row = accounts.set_active(db, username=args.username, active=args.active,
                              actor=actor_for(config))
    if row.active:
        print(_("{username} is weer actief.", username=row.username))
    else:
        print(_("{username} is uitgeschakeld en kan niet meer aanmelden.",
                username=row.username))
    return 0


def cmd_token_create(args: argparse.Namespace) -> int:
    from carma_logistiek.services import accounts

    config, db = open_database(args)
    created = accounts.create_token(db, username=args.username, name=args.name,
                                    actor=actor_for(config))
    print(_("Token {id} ({name}) voor {username}. Het wordt maar één keer getoond: bewaar het "
            "nu, bv. in CARMA_TOKEN.", id=created.id, name=created.name,
            username=created.username), file=sys.stderr)
    print(created.token)
    return 0


def cmd_token_revoke(args: argparse.Namespace) -> int:
    from carma_logistiek.services import accounts

    config, db = open_database(args)
    revoked = accounts.revoke_token(db, token_id=args.token_id, actor=actor_for(config))
    print(_("Token {id} van {username} is ingetrokken.", id=revoked.id,
            username=revoked.username))
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    from carma_logistiek.services import accounts

    config, db = open_database(args)
    actor = actor_for(config)
    typed = signed_in(config).password
    if args.password_stdin:
        current = typed if typed is not None else _stdin_line()
        new = _stdin_line()
    elif PROMPT.is_terminal():
        current = typed if typed is not None else PROMPT.password(_("Huidig wachtwoord: "))
        new = PROMPT.password(_("Nieuw wachtwoord: "))
        if PROMPT.password(_("Nieuw wachtwoord, nog eens: ")) != new:
            raise PasswordsDiffer()
    else:
        raise PasswordNeeded()
    row = accounts.change_password(db, current=current, new=new, actor=actor)
    print(_("Wachtwoord van {username} gewijzigd.", username=row.username))
    return 0


# --- helpers --------------------------------------------------------------------------------


def _roles(values: list[str] | None) -> frozenset[Role]:
    return frozenset(Role(value) for value in values or ())


def _stdin_line() -> str:
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise PasswordNeeded()
    return line


def _print_temporary(password: str) -> None:
    print(_("Tijdelijk wachtwoord (eenmaal getoond; bij de eerste aanmelding kiest de gebruiker "
            "een nieuw): {password}", password=password))
