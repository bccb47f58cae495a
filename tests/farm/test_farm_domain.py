"""Farm domain logic on both backends: lifecycle, keys, fingerprints, mail settings, secrets."""
from __future__ import annotations

import os
import stat

import pytest

from cmdlets.sharepoint import farm as F
from cmdlets.sharepoint import messages as M
from cmdlets.sharepoint import secrets, store
from cmdlets.sharepoint.errors import SPCmdletException, SPCmdletPipeBindException
from spshell.runtime.errors import ArgumentException, FormatException, SPException


def make_farm(home, db, host="SP-APP1", passphrase="Pass phrase 1"):
    return F.create_farm(home, host, db.server, db.name, passphrase, farm_account="DOMAIN\\farm")


def test_create_farm_registers_server_and_central_admin(home, db):
    s = make_farm(home, db)
    servers = s.servers()
    assert [r["name"] for r in servers] == ["SP-APP1"]
    assert servers[0]["role"] == "Custom" and servers[0]["status"] == "Online"
    was = s.web_applications(include_admin=True)
    assert len(was) == 1 and was[0]["is_admin"] == 1
    assert was[0]["default_server_comment"] == "SharePoint Central Administration v4"
    assert s.web_applications(include_admin=False) == []
    assert [a["user_name"] for a in s.managed_accounts()] == ["DOMAIN\\farm"]


def test_host_is_in_at_most_one_farm(home, db):
    make_farm(home, db)
    with pytest.raises(SPException) as e:
        F.create_farm(home, "sp-app1", db.server, db.name + "x", "p")
    assert str(e.value) == M.ALREADY_IN_FARM
    with pytest.raises(SPException) as e:
        F.connect_farm(home, "SP-APP1", db.server, db.name, "Pass phrase 1")
    assert "already connected to a SharePoint farm" in str(e.value)


def test_database_holds_one_farm(home, db):
    make_farm(home, db)
    with pytest.raises(SPException) as e:
        F.create_farm(home, "SP-OTHER", db.server, db.name, "p")
    assert "already exists" in str(e.value)


def test_join_checks_passphrase_and_leave(home, db):
    make_farm(home, db)
    with pytest.raises(SPException) as e:
        F.connect_farm(home, "SP-WFE1", db.server, db.name, "wrong")
    assert "passphrase supplied is not correct" in str(e.value)
    s2 = F.connect_farm(home, "SP-WFE1", db.server, db.name.upper(), "Pass phrase 1")
    assert sorted(r["name"] for r in s2.servers()) == ["SP-APP1", "SP-WFE1"]
    F.disconnect_farm(home, "sp-wfe1")
    with pytest.raises(SPCmdletException) as e:
        F.open_session(home, "SP-WFE1")
    assert str(e.value) == M.LOCAL_FARM_NOT_ACCESSIBLE
    assert [r["name"] for r in F.open_session(home, "SP-APP1").servers()] == ["SP-APP1"]
    with pytest.raises(SPException):
        F.disconnect_farm(home, "SP-WFE1")


def test_connect_to_missing_database(home, db):
    with pytest.raises(SPException) as e:
        F.connect_farm(home, "SP-WFE1", db.server, db.name, "p")
    assert "Cannot connect to the configuration database" in str(e.value)


def test_key_fingerprints_published_per_host(home, db):
    make_farm(home, db)
    F.connect_farm(home, "SP-WFE1", db.server, db.name, "Pass phrase 1")
    fp1, notes = F.set_credential_key(home, "SP-APP1", "app key")
    assert notes and "No OS keyring" in notes[0]
    fp2, notes2 = F.set_credential_key(home, "SP-WFE1", "app key")
    assert fp1 == fp2 and len(fp1) == 64
    fp3, _ = F.set_credential_key(home, "SP-WFE1", "other key")
    assert fp3 != fp1
    rows = {r["name"]: r["key_fingerprint"] for r in F.open_session(home, "SP-APP1").servers()}
    assert rows == {"SP-APP1": fp1, "SP-WFE1": fp3}
    assert F.remove_credential_key(home, "SP-WFE1") is True
    assert F.remove_credential_key(home, "SP-WFE1") is False
    rows = {r["name"]: r["key_fingerprint"] for r in F.open_session(home, "SP-APP1").servers()}
    assert rows == {"SP-APP1": fp1, "SP-WFE1": None}
    # the key is local: the other host still has its own
    assert F.read_local_key(home, "sp-app1") == "app key"


def test_fingerprint_is_per_farm_salt(home, tmp_path):
    from types import SimpleNamespace
    a = make_farm(home, SimpleNamespace(server="S1", name="A"), host="H1")
    b = make_farm(home, SimpleNamespace(server="S1", name="B"), host="H2")
    fa, _ = F.set_credential_key(home, "H1", "same")
    fb, _ = F.set_credential_key(home, "H2", "same")
    assert fa != fb and a.farm_id != b.farm_id


def test_key_set_before_join_is_published_on_join(home, db):
    make_farm(home, db)
    fp, notes = F.set_credential_key(home, "SP-WFE2", "k")
    assert fp is None and any("not connected to a farm" in n for n in notes)
    s = F.connect_farm(home, "SP-WFE2", db.server, db.name, "Pass phrase 1")
    row = [r for r in s.servers() if r["name"] == "SP-WFE2"][0]
    assert row["key_fingerprint"] == secrets.derive("k", s.key_kdf()).fingerprint


def test_mail_settings_and_credentials(home, db):
    s = make_farm(home, db)
    ca = s.central_admin_row()
    with pytest.raises(SPException) as e:
        s.update_mail_settings(ca["id"], "mail.example.com", "user@example.com",
                               "replyto@example.com", port=587, credentials=("user", "s3cret!"))
    assert str(e.value) == M.NO_CREDENTIAL_KEY_FOR_SAVE.format("SP-APP1")
    assert "Set-SPApplicationCredentialKey" in str(e.value)
    # nothing was saved by the failed call
    assert s.central_admin_row()["smtp_server"] is None
    F.set_credential_key(home, "SP-APP1", "app key")
    row = s.update_mail_settings(ca["id"], "mail.example.com", "user@example.com",
                                 "replyto@example.com", port=587, enable_ssl=True,
                                 credentials=("user@example.com", "s3cret!"))
    assert row["smtp_port"] == 587 and row["mail_enable_ssl"] == 1
    assert s.credential_status(row) == (F.CredentialStatus.OK, "s3cret!", None)
    # omitted credentials keep what is stored
    row = s.update_mail_settings(ca["id"], "mail2.example.com", port=25)
    assert row["smtp_user"] == "user@example.com" and row["mail_from"] == "user@example.com"
    assert s.credential_status(row)[1] == "s3cret!"
    # other hosts: missing key, different key, same key
    s2 = F.connect_farm(home, "SP-WFE1", db.server, db.name, "Pass phrase 1")
    st, pw, msg = s2.credential_status(row)
    assert (st, pw) == (F.CredentialStatus.MISSING_KEY, None) and "wasn't found" in msg
    F.set_credential_key(home, "SP-WFE1", "another key")
    st, pw, msg = s2.credential_status(row)
    assert (st, pw) == (F.CredentialStatus.DIFFERENT_KEY, None) and "not the one" in msg
    F.set_credential_key(home, "SP-WFE1", "app key")
    assert s2.credential_status(row)[:2] == (F.CredentialStatus.OK, "s3cret!")
    # $null = anonymous
    row = s.update_mail_settings(ca["id"], "mail2.example.com", credentials=None)
    assert row["smtp_user"] is None and row["smtp_password"] is None
    assert s.credential_status(row)[0] == F.CredentialStatus.ANONYMOUS


def _tamper(s, column, fn):
    with s.store.write() as tx:
        row = tx.one("SELECT id, " + column + " FROM web_applications WHERE is_admin = 1")
        tx.execute(f"UPDATE web_applications SET {column} = ? WHERE id = ?",
                   (fn(row[column]), row["id"]))
    return s.central_admin_row()


def test_tampered_ciphertext_and_fingerprint_are_detected(home, db):
    s = make_farm(home, db)
    F.set_credential_key(home, "SP-APP1", "app key")
    ca = s.central_admin_row()
    s.update_mail_settings(ca["id"], "mail", credentials=("u", "pw"))

    def flip(blob):
        head, _, body = blob.partition(".")
        c = "A" if body[20] != "A" else "B"
        return head + "." + body[:20] + c + body[21:]
    row = _tamper(s, "smtp_password", flip)
    assert s.credential_status(row)[0] == F.CredentialStatus.TAMPERED
    s.update_mail_settings(ca["id"], "mail", credentials=("u", "pw"))
    row = _tamper(s, "smtp_key_fingerprint", lambda fp: "0" * 64)
    st, pw, msg = s.credential_status(row)
    assert st == F.CredentialStatus.TAMPERED and pw is None and "integrity check" in msg
    # a ciphertext moved to another web application does not open there
    s.update_mail_settings(ca["id"], "mail", credentials=("u", "pw"))
    s.create_web_application(name="Other", application_pool="P", account="DOMAIN\\farm",
                             url="http://other/")
    other = s.find_web_applications("Other")[0]
    src = s.central_admin_row()
    with s.store.write() as tx:
        tx.execute("UPDATE web_applications SET smtp_user = ?, smtp_password = ?, "
                   "smtp_key_fingerprint = ? WHERE id = ?",
                   (src["smtp_user"], src["smtp_password"], src["smtp_key_fingerprint"],
                    other["id"]))
    assert s.credential_status(s.webapp_row(other["id"]))[0] == F.CredentialStatus.TAMPERED


def test_mail_address_and_port_validation(home, db):
    s = make_farm(home, db)
    ca = s.central_admin_row()
    with pytest.raises(FormatException) as e:
        s.update_mail_settings(ca["id"], "mail", "not an address")
    assert str(e.value) == M.INVALID_MAIL_ADDRESS
    with pytest.raises(FormatException):
        s.update_mail_settings(ca["id"], "mail", reply_to="a@b@c")
    with pytest.raises(ArgumentException):
        s.update_mail_settings(ca["id"], "mail", port=0)
    row = s.update_mail_settings(ca["id"], "mail", '"Site admin" <admin@contoso.com>',
                                 "help@[10.0.0.1]")
    assert row["mail_from"] == '"Site admin" <admin@contoso.com>'


def test_web_application_identity(home, db):
    s = make_farm(home, db)
    wa = s.create_web_application(name="Contoso Internet Site", application_pool="ContosoAppPool",
                                  account="DOMAIN\\farm", url="http://www.contoso.com",
                                  port=80, host_header="sharepoint.contoso.com")
    assert wa["url"] == "http://www.contoso.com/"
    for ident in ("contoso internet site", "HTTP://WWW.CONTOSO.COM", "http://www.contoso.com:80/x",
                  wa["id"].upper()):
        assert s.find_web_applications(ident)[0]["id"] == wa["id"]
    for empty in ("", "  ", None):
        with pytest.raises(SPCmdletPipeBindException):
            s.find_web_applications(empty)
    with pytest.raises(SPCmdletPipeBindException) as e:
        s.find_web_applications("https://sitename")
    assert str(e.value) == "Cannot find an SPWebApplication object with Name, Id, or Url: " \
                           "https://sitename."
    from spshell.runtime.errors import SPException as _SPE
    with pytest.raises(_SPE):
        s.create_web_application(name="Dup", application_pool="ContosoAppPool",
                                 url="http://www.contoso.com:80/")
    with pytest.raises(ArgumentException):
        s.create_web_application(name="NoPool", application_pool="NewPool", url="http://x/")
    ssl = s.create_web_application(name="S", application_pool="ContosoAppPool", ssl=True,
                                   url="https://www.contoso.com:443", port=443)
    assert ssl["url"] == "https://www.contoso.com/" and ssl["port"] == 443


def test_kdf_runs_once_per_key_per_process(home, db):
    s = make_farm(home, db)
    F.set_credential_key(home, "SP-APP1", "a fresh key for kdf count")
    before = secrets.kdf_calls
    ca = s.central_admin_row()
    for _ in range(5):
        row = s.update_mail_settings(ca["id"], "mail", credentials=("u", "pw"))
        assert s.credential_status(row)[0] == F.CredentialStatus.OK
    assert secrets.kdf_calls == before


def test_files_have_private_permissions_and_hold_no_secret(home):
    from types import SimpleNamespace
    s = make_farm(home, SimpleNamespace(server="SQL-01", name="Cfg"))
    F.set_credential_key(home, "SP-APP1", "Key-Marker-7731")
    ca = s.central_admin_row()
    s.update_mail_settings(ca["id"], "mail", credentials=("u", "Password-Marker-9912"))
    key_file = home / "hosts" / "sp-app1" / "keys" / "app-credential-key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_file.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "hosts" / "sp-app1").stat().st_mode) == 0o700
    db_file = home / "databases" / "sql-01" / "cfg.sqlite3"
    assert stat.S_IMODE(db_file.stat().st_mode) == 0o600
    store.forget_open_stores()  # checkpoint the WAL into the file
    for path in home.rglob("*"):
        if path.is_file() and path != key_file:
            data = path.read_bytes()
            for secret in (b"Key-Marker-7731", b"Password-Marker-9912", b"Pass phrase 1"):
                assert secret not in data, (path, secret)
                assert secret.decode().encode("utf-16-le") not in data


def test_keystore_refuses_open_permissions(home):
    from cmdlets.sharepoint.keystore import FileKeyStore, KeyStoreError
    ks = FileKeyStore(home)
    ks.set("H", "k")
    os.chmod(ks.path("H"), 0o644)
    with pytest.raises(KeyStoreError):
        ks.get("h")


def test_keystore_selection(home, monkeypatch):
    from cmdlets.sharepoint.keystore import FileKeyStore, KeyStoreError, select_keystore
    assert isinstance(select_keystore(home, {"SPSHELL_KEYSTORE": "file"}), FileKeyStore)
    with pytest.raises(KeyStoreError):
        select_keystore(home, {"SPSHELL_KEYSTORE": "bogus"})
    # no D-Bus here: keyring has no real backend -> fail closed / fall back
    env = {"SPSHELL_KEYSTORE": "keyring", "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    with pytest.raises(KeyStoreError):
        select_keystore(home, env)
    assert isinstance(select_keystore(home, {"SPSHELL_KEYSTORE": "auto"}), FileKeyStore)


def test_migrations_are_appendable(home, db):
    s = make_farm(home, db)
    comp = "test_ext_" + db.name.lower()
    store.register_migrations(comp, [
        (1, ["CREATE TABLE ext_items (id TEXT PRIMARY KEY, server_id TEXT NOT NULL)"]),
        (2, [lambda tx: tx.execute("INSERT INTO ext_items (id, server_id) VALUES (?, ?)",
                                   ("x", "y"))]),
    ])
    try:
        s.store.migrate()
        s.store.migrate()  # idempotent
        with s.store.read() as tx:
            assert tx.scalar("SELECT COUNT(*) FROM ext_items") == 1
            assert tx.scalar("SELECT version FROM spshell_schema WHERE component = ?",
                             (comp,)) == 2
    finally:
        store._MIGRATIONS.pop(comp, None)


def test_unreachable_postgres_is_a_clear_error_without_the_password(home):
    from cmdlets.sharepoint.errors import SqlException
    s = socket_free_port()
    dsn = f"postgresql://spshell:Db-Secret-991@127.0.0.1:{s}/spshell"
    with pytest.raises(SqlException) as e:
        F.create_farm(home, "SP-APP1", dsn, "Cfg", "p")
    assert "Cannot connect to database server" in str(e.value)
    assert "Db-Secret-991" not in str(e.value)
    assert F.read_membership(home, "SP-APP1") is None


def socket_free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_os_keyring_backend_with_a_stand_in_keyring(home):
    from cmdlets.sharepoint.keystore import OsKeyringStore

    class FakeKeyring:
        def __init__(self):
            self.data = {}

        def get_password(self, service, user):
            return self.data.get((service, user))

        def set_password(self, service, user, pw):
            self.data[(service, user)] = pw

        def delete_password(self, service, user):
            del self.data[(service, user)]

        def get_keyring(self):
            return self

    kr = FakeKeyring()
    ks = OsKeyringStore(home, kr)
    ks.set("SP-APP1", "k1")
    assert ks.get("sp-app1") == "k1"  # host names fold, as in every backend
    assert list(kr.data) == [(ks.service, "sp-app1")] and str(home.resolve()) in ks.service
    assert ks.remove("SP-APP1") is True and ks.remove("SP-APP1") is False
    assert ks.get("SP-APP1") is None


def test_sql_server_mapping(home, monkeypatch):
    from cmdlets.sharepoint.store import resolve_server
    (home / "sql-servers.json").write_text('{"SQL-02": "postgresql://u:p@db2/x", "SQL-03": "x"}')
    monkeypatch.setenv("SPSHELL_SQL_SERVERS", "sql-01=postgresql://u:p@db1/x;SQL-02=postgres://o@h/y")
    assert resolve_server(home, "SQL-01") == "postgresql://u:p@db1/x"
    assert resolve_server(home, "sql-02") == "postgres://o@h/y"  # the environment wins
    assert resolve_server(home, "SQL-03") is None  # not a PostgreSQL address: SQLite
    assert resolve_server(home, "Other") is None
    assert resolve_server(home, "postgresql://a@b/c") == "postgresql://a@b/c"


def test_credential_key_report_for_the_health_rule(home, db):
    s = make_farm(home, db)
    F.connect_farm(home, "SP-WFE1", db.server, db.name, "Pass phrase 1")
    F.connect_farm(home, "SP-WFE2", db.server, db.name, "Pass phrase 1")
    assert s.credential_key_report() == []  # no credentials stored: nothing to check
    F.set_credential_key(home, "SP-APP1", "k")
    F.set_credential_key(home, "SP-WFE1", "k")
    F.set_credential_key(home, "SP-WFE2", "other")
    s.update_mail_settings(s.central_admin_row()["id"], "mail", credentials=("u", "p"))
    F.remove_credential_key(home, "SP-WFE1")
    [(app, failing)] = s.credential_key_report()
    assert app["url"] == s.central_admin_row()["url"]
    assert [(r["name"], why) for r, why in failing] == [("SP-WFE1", "MissingKey"),
                                                        ("SP-WFE2", "DifferentKey")]
