"""The web layer: the request pipeline, the tenant blueprint, navigation, template filters,
form widgets, URL parameters and downloads. It imports only the core."""
