"""View-model for the Streamlit app: pure functions from campaign state and events to what the page shows.

Nothing here imports Streamlit; ``app.py`` only renders what these functions return.
"""
