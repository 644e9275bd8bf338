import json

from flask import Flask, request
from pymongo import MongoClient

app = Flask(__name__)
client = MongoClient()
db = client.app


@app.route("/login", methods=["POST"])
def login():
    data = request.get_json()
    db.users.find_one({"name": data["name"], "password": data["password"]})  # expect: nosql-injection
    db.users.find_one({"name": str(data["name"]), "password": str(data["password"])})  # ok: nosql-injection
    db.users.find({"name": request.args["name"]})  # ok: nosql-injection
    db.users.find({"$where": "this.name == '" + request.args["name"] + "'"})  # expect: nosql-injection
    db.users.find(json.loads(request.args["filter"]))  # expect: nosql-injection
    db.users.find(request.args.to_dict())  # expect: nosql-injection
    users = client["app"]["users"]
    users.delete_many(request.get_json())  # expect: nosql-injection
    return "ok"


def search(collection, query):  # ok: nosql-injection
    return collection.find(query)
