import sqlite3

from django.db import connection
from django.db.models.expressions import RawSQL
from flask import Flask, abort, request
from sqlalchemy import create_engine, text

app = Flask(__name__)
engine = create_engine("sqlite://")


@app.route("/users")
def users():
    name = request.args.get("name")
    conn = sqlite3.connect("app.db")
    cur = conn.cursor()
    cur.execute(f"SELECT * FROM users WHERE name = '{name}'")  # expect: sql-injection  # bandit: B608
    cur.execute("SELECT * FROM users WHERE name = '%s'" % name)  # expect: sql-injection
    cur.execute("SELECT * FROM users WHERE name = '" + name + "'")  # expect: sql-injection
    cur.execute("SELECT * FROM users WHERE name = '{}'".format(name))  # expect: sql-injection
    cur.execute("SELECT * FROM users WHERE name = ?", (name,))  # ok: sql-injection
    cur.executemany("INSERT INTO t VALUES (?)", [(name,)])  # ok: sql-injection
    return "ok"


@app.route("/sorted")
def sorted_users():
    order = request.args["order"]
    limit = int(request.args["limit"])
    cur = sqlite3.connect("app.db").cursor()
    cur.execute(f"SELECT * FROM users LIMIT {limit}")  # expect-audit: formatted-sql-query  # ok: sql-injection
    if order not in ("asc", "desc"):
        abort(400)
    cur.execute(f"SELECT * FROM users ORDER BY name {order}")  # expect-audit: formatted-sql-query  # ok: sql-injection
    column = request.args["column"]
    if column == "email":
        cur.execute(f"SELECT {column} FROM users")  # expect-audit: formatted-sql-query  # ok: sql-injection
    cur.execute(f"SELECT {column} FROM users")  # expect: sql-injection
    return "ok"


@app.route("/precision")
def precision():
    cur = sqlite3.connect("app.db").cursor()
    query = "SELECT * FROM t WHERE a = '" + request.form["a"] + "'"
    query = "SELECT 1"
    cur.execute(query)  # ok: sql-injection
    n = 10
    if 7 * 18 + n > 200:
        query = "SELECT * FROM t WHERE b = " + request.form["b"]
    cur.execute(query)  # expect-audit: formatted-sql-query  # ok: sql-injection
    if "x" in "xyz":
        safe = "SELECT 2"
    else:
        safe = request.form["c"]
    cur.execute(safe)  # ok: sql-injection
    params = {"table": "users", "name": request.form["name"]}
    cur.execute("SELECT * FROM " + params["table"])  # expect-audit: formatted-sql-query  # ok: sql-injection
    cur.execute("SELECT * FROM users WHERE name = '%s'" % params["name"])  # expect: sql-injection
    parts = ["id"]
    parts.append(request.form["col"])
    cur.execute("SELECT " + parts[0] + " FROM t")  # expect-audit: formatted-sql-query  # ok: sql-injection
    cur.execute("SELECT " + parts[1] + " FROM t")  # expect: sql-injection
    last = parts.pop()
    cur.execute("SELECT " + ", ".join(parts) + " FROM t")  # expect-audit: formatted-sql-query  # ok: sql-injection
    cur.execute("SELECT " + last + " FROM t")  # expect: sql-injection
    return "ok"


def user_filter():
    return request.args.get("filter", "")


def run_query(db, where):
    db.execute("SELECT * FROM accounts WHERE " + where)  # expect: sql-injection


@app.route("/accounts")
def accounts():
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT * FROM accounts WHERE " + user_filter())  # expect: sql-injection
    run_query(cur, request.args["where"])
    run_query(cur, "active = 1")
    return "ok"


def django_view(request, slug):
    term = request.GET["q"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM posts WHERE title LIKE '%%" + term + "%%'")  # expect: sql-injection
        cursor.execute("SELECT * FROM posts WHERE title LIKE %s", ["%" + term + "%"])  # ok: sql-injection
    RawSQL("SELECT id FROM posts WHERE slug = '%s'" % term, [])  # expect: sql-injection  # bandit: B611
    return None


@app.route("/sqlalchemy")
def orm():
    q = request.args["q"]
    with engine.connect() as db:
        db.execute(text(f"SELECT * FROM items WHERE name = '{q}'"))  # expect: sql-injection
        db.execute(text("SELECT * FROM items WHERE name = :q"), {"q": q})  # ok: sql-injection
        db.exec_driver_sql("DELETE FROM items WHERE name = '" + q + "'")  # expect: sql-injection
    return "ok"


def not_from_a_source(cur, table):
    cur.execute(f"SELECT * FROM {table}")  # expect: formatted-sql-query  # ok: sql-injection


from fastapi import FastAPI
from pydantic import BaseModel
from rest_framework.decorators import api_view

api = FastAPI()


class Filter(BaseModel):
    name: str
    limit: int


@api.post("/search")
def search(flt: Filter, page: int = 0):
    cur = sqlite3.connect("app.db").cursor()
    cur.execute(f"SELECT * FROM items WHERE name = '{flt.name}'")  # expect: sql-injection
    cur.execute(f"SELECT * FROM items LIMIT 10 OFFSET {page}")  # expect-audit: formatted-sql-query  # ok: sql-injection


@api_view(["GET", "POST"])
def drf_view(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM t WHERE a = '%s'" % request.query_params["a"])  # expect: sql-injection
        cursor.execute("SELECT * FROM t WHERE b = '%s'" % request.data["b"])  # expect: sql-injection


def report(request, year, slug):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM reports WHERE year = {year}")  # expect: formatted-sql-query  # ok: sql-injection
        cursor.execute(f"SELECT * FROM reports WHERE slug = '{slug}'")  # expect: sql-injection


def env_config():
    import os

    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT * FROM config WHERE env = '%s'" % os.getenv("APP_ENV"))  # expect: sql-injection


from django.urls import path

urlpatterns = [
    path("reports/<int:year>/<slug:slug>/", report),
]


import configparser

import asyncpg
from starlette.requests import Request


@app.route("/constructs")
def constructs():
    cur = sqlite3.connect("app.db").cursor()
    config = configparser.ConfigParser()
    config.set("db", "name", request.args["name"])
    config.set("db", "table", "users")
    cur.execute("SELECT * FROM " + config.get("db", "table"))  # expect-audit: formatted-sql-query  # ok: sql-injection
    cur.execute("SELECT * FROM t WHERE n = '" + config.get("db", "name") + "'")  # expect: sql-injection
    limit = request.json["limit"]
    if isinstance(limit, int):
        cur.execute(f"SELECT * FROM t LIMIT {limit}")  # expect-audit: formatted-sql-query  # ok: sql-injection
    query = "SELECT * FROM t WHERE a = '"
    query += request.args["a"]
    cur.execute(query + "'")  # expect: sql-injection
    first, *rest = ["id", request.args["col"], "name"]
    cur.execute("SELECT " + first + " FROM t")  # expect-audit: formatted-sql-query  # ok: sql-injection
    cur.execute("SELECT " + ", ".join(rest) + " FROM t")  # expect: sql-injection
    columns = ["id", "name"]
    columns.insert(0, request.args["extra"])
    cur.execute("SELECT " + columns[1] + " FROM t")  # expect-audit: formatted-sql-query  # ok: sql-injection
    cur.execute("SELECT " + columns[0] + " FROM t")  # expect: sql-injection
    try:
        table = request.args["table"]
    finally:
        cur.execute("SELECT * FROM " + table)  # expect: sql-injection
    return "ok"


async def pg_view(request: Request):
    conn = await asyncpg.connect("postgresql://localhost/db")
    await conn.fetch("SELECT * FROM t WHERE x = '" + request.query_params["x"] + "'")  # expect: sql-injection
    await conn.fetch("SELECT * FROM t WHERE x = $1", request.query_params["x"])  # ok: sql-injection


def django_extra(request):
    from myapp.models import Post

    Post.objects.extra(where=["title = '%s'" % request.GET["title"]])  # expect: sql-injection  # bandit: B610
    Post.objects.filter(title=request.GET["title"])  # ok: sql-injection


import uuid

import aiosqlite


@app.route("/items/<item_id>")
async def item(item_id):
    async with aiosqlite.connect("app.db") as db:
        await db.execute("SELECT * FROM items WHERE id = '" + item_id + "'")  # expect: sql-injection
        key = uuid.UUID(request.view_args["item_id"])
        await db.execute(f"SELECT * FROM items WHERE id = '{key}'")  # expect-audit: formatted-sql-query  # ok: sql-injection
        await db.execute("SELECT * FROM items WHERE id = ?", (item_id,))  # ok: sql-injection
        raw = request.view_args["item_id"]
        await db.execute(f"DELETE FROM items WHERE id = '{raw}'")  # expect: sql-injection
