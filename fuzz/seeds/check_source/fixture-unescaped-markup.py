from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from markupsafe import Markup

BANNER = "<b>Welcome</b>"


def render(comment, template):
    mark_safe(f"<b>{comment.author}</b>")  # expect: unescaped-markup  # bandit: B308, B703
    mark_safe(comment.body)  # expect-audit: unescaped-markup
    html = "<ul>" + "".join(f"<li>{tag}</li>" for tag in comment.tags) + "</ul>"
    mark_safe(html)  # expect: unescaped-markup
    Markup("<p>" + comment.body + "</p>")  # expect: unescaped-markup  # bandit: B704
    format_html(template, comment.author)  # expect-audit: unescaped-markup
    format_html("<b>" + comment.title + "</b>: {}", comment.author)  # expect: unescaped-markup
    mark_safe("<br>")  # ok: unescaped-markup
    mark_safe(BANNER)  # ok: unescaped-markup
    mark_safe(escape(comment.body))  # ok: unescaped-markup
    mark_safe(_("Read the <a href='/terms'>terms</a>"))  # ok: unescaped-markup
    format_html("<b>{}</b>", comment.author)  # ok: unescaped-markup
    Markup("<b>{}</b>").format(comment.author)  # ok: unescaped-markup


def paragraphs(lines):
    return Markup("\n".join(f"<p>{escape(line)}</p>" for line in lines))  # ok: unescaped-markup
