# Targets CI and developers share. `make test` is the README's test command.
.PHONY: demo test lint typecheck bench docs reliability

demo:
	python3 -m venv .venv && .venv/bin/pip install -q -e . && .venv/bin/partynet demo

test:
	python3 -m venv .venv && .venv/bin/pip install -q -e ".[test]" && .venv/bin/python -m pytest -q

lint:
	.venv/bin/ruff check src tests bench fuzz && .venv/bin/ruff format --check src tests bench fuzz

typecheck:
	.venv/bin/mypy

bench:
	.venv/bin/pip install -q -e ".[bench]" && .venv/bin/python bench/ingest.py --docs 10000 --html-eval ../shared/html-eval

docs:
	.venv/bin/python -m partynet.settings > docs/settings.md

reliability:
	.venv/bin/pip install -q -e ".[test]" && scripts/reliability
