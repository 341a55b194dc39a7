"""The Streamlit app's views: view-models (pure functions from campaign state and events to what the page shows,
no Streamlit) and the renderers that draw them (``*_page``, ``*_panel``, ``campaign_tabs``, ``decide``, ``firstrun``,
``ships``, ``widgets``), which ``app.py`` calls."""
