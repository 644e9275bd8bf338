import sqlite3
from sqlalchemy import text

conn = sqlite3.connect("app.db")
cursor = conn.cursor()
TABLE = "users"


def find(name, user_id, order):
    cursor.execute(f"SELECT * FROM users WHERE name = '{name}'")  # expect: formatted-sql-query
    cursor.execute("SELECT * FROM users WHERE id = %s" % user_id)  # expect: formatted-sql-query
    cursor.execute("SELECT * FROM users ORDER BY {}".format(order))  # expect: formatted-sql-query
    conn.executescript("DELETE FROM users WHERE id = " + user_id)  # expect: formatted-sql-query
    query = f"UPDATE users SET name = '{name}' WHERE id = 1"
    cursor.execute(query)  # expect: formatted-sql-query
    text(f"select * from t where a = {name}")  # expect: formatted-sql-query
    cursor.execute("SELECT * FROM users WHERE name = ?", (name,))  # ok: formatted-sql-query
    cursor.execute(f"SELECT * FROM {TABLE} WHERE id = 1")  # ok: formatted-sql-query
    cursor.execute("SELECT * FROM users")  # ok: formatted-sql-query
    logger_execute(f"run step {name}")  # ok: formatted-sql-query


def logger_execute(message):
    return message
