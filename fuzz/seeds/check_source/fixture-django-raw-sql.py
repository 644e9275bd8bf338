from django.db.models.expressions import RawSQL
from myapp.models import Entry


def search(request, query, order):
    Entry.objects.extra(where=[f"headline = '{query}'"])  # expect: django-raw-sql
    Entry.objects.filter(active=True).extra(select={"rank": "score * %s" % order})  # expect: django-raw-sql
    Entry.objects.extra(order_by=[order])  # expect-audit: django-raw-sql
    Entry.objects.extra(where=["headline = %s"], params=[query])  # ok: django-raw-sql
    Entry.objects.extra(select={"is_recent": "pub_date > '2006-01-01'"})  # ok: django-raw-sql
    Entry.objects.annotate(val=RawSQL(query, ()))  # expect-audit: django-raw-sql
    Entry.objects.annotate(val=RawSQL("SELECT 1 FROM t WHERE x = %s", (query,)))  # ok: django-raw-sql
    Entry.objects.raw(query)  # expect-audit: django-raw-sql
    Entry.objects.raw("SELECT * FROM entry WHERE id = %s", [query])  # ok: django-raw-sql
    request.extra(where=["1"])  # ok: django-raw-sql
    stream.raw(query)  # ok: django-raw-sql
