from .models import Category, SiteSettings


def site(request):
    """The site settings and the category menu on every page, read from the shared cache."""
    return {"site_settings": SiteSettings.load(), "category_navigation": Category.navigation()}
