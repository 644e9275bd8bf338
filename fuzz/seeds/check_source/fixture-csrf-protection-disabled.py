from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from flask_wtf.csrf import CSRFProtect

INSTALLED_APPS = ["django.contrib.sessions"]
ROOT_URLCONF = "project.urls"

MIDDLEWARE = [  # expect: csrf-protection-disabled
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
]

MIDDLEWARE = [  # ok: csrf-protection-disabled
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]

WTF_CSRF_ENABLED = False  # expect: csrf-protection-disabled
WTF_CSRF_ENABLED = True  # ok: csrf-protection-disabled

csrf = CSRFProtect()


@csrf_exempt  # expect: csrf-protection-disabled
def update_profile(request):
    return JsonResponse({})


@csrf_protect  # ok: csrf-protection-disabled
def update_email(request):
    return JsonResponse({})


@method_decorator(csrf_exempt, name="dispatch")  # expect: csrf-protection-disabled
class TransferView(View):
    pass


@csrf.exempt  # expect: csrf-protection-disabled
def api_hook():
    return "ok"


urlpatterns = [csrf_exempt(update_email)]  # expect: csrf-protection-disabled


class TestingConfig:
    WTF_CSRF_ENABLED = False  # expect-audit: csrf-protection-disabled
