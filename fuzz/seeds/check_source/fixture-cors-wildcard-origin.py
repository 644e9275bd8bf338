from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from flask import Flask, request
from flask_cors import CORS, cross_origin

CORS_ALLOW_ALL_ORIGINS = True  # expect: cors-wildcard-origin
CORS_ALLOW_CREDENTIALS = True

app = Flask(__name__)
CORS(app, supports_credentials=True)  # expect: cors-wildcard-origin
CORS(app, origins="*", supports_credentials=True)  # expect: cors-wildcard-origin
CORS(app)  # expect-audit: cors-wildcard-origin
CORS(app, origins=["https://app.example.com"], supports_credentials=True)  # ok: cors-wildcard-origin
CORS(app, resources={r"/api/*": {"origins": "https://app.example.com"}})  # ok: cors-wildcard-origin

api = FastAPI()
api.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)  # expect: cors-wildcard-origin
api.add_middleware(CORSMiddleware, allow_origins=["*"])  # expect-audit: cors-wildcard-origin
api.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)  # ok: cors-wildcard-origin


@app.route("/data")
@cross_origin(supports_credentials=True)  # expect: cors-wildcard-origin
def data():
    response = app.make_response("{}")
    response.headers["Access-Control-Allow-Origin"] = "*"  # expect-audit: cors-wildcard-origin
    response.headers["Access-Control-Allow-Origin"] = request.headers.get("Origin")  # expect: cors-wildcard-origin
    response.headers["Access-Control-Allow-Origin"] = "https://app.example.com"  # ok: cors-wildcard-origin
    response.headers.add("Access-Control-Allow-Origin", "*")  # expect-audit: cors-wildcard-origin
    response.headers.set("Access-Control-Allow-Origin", request.headers["Origin"])  # expect: cors-wildcard-origin
    response.headers.add("Vary", "*")  # ok: cors-wildcard-origin
    return response
