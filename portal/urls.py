"""URL map: fixed routes first, then Wagtail's page tree serves everything else."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from articles import views as article_views
from articles.sitemaps import GlossarySitemap, PageSitemap
from community.urls import member_patterns
from portal import preferences, views

SITEMAPS = {"pages": PageSitemap, "glossary": GlossarySitemap}

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("members/", include((member_patterns, "members"))),
    path("", include("community.urls")),
    path("", include("readers.urls")),
    path("search/", views.search, name="search"),
    path("preferences/", preferences.preferences_view, name="preferences"),
    path("glossary/", article_views.glossary, name="glossary"),
    path("updates/changes/", include("articles.urls")),
    path("healthz/", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler500 = "portal.views.server_error"
