# Two commands for a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE := samples/memorandum
RUN_DIR := build/sample

.PHONY: run test test-fast lint venv clean sample

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

venv: $(VENV)/.installed

run: venv
	@mkdir -p $(RUN_DIR)
	@test -f $(RUN_DIR)/sample.corrigenda || \
		$(BIN)/corrigenda new $(RUN_DIR)/sample.corrigenda $(SAMPLE) --names samples/names.txt
	$(BIN)/corrigenda gui $(RUN_DIR)/sample.corrigenda

test: venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q
	$(BIN)/ruff check app tests bench samples
	$(BIN)/mypy

# Everything but the tests that run Tesseract (marker `tesseract`) or take long (`slow`):
# under a minute.
test-fast: venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m "not tesseract and not slow"

lint: venv
	$(BIN)/ruff check app tests bench samples
	$(BIN)/ruff format --check app tests bench samples
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache

# Packaging (packaging/README.md): a one-folder program in dist/corrigenda that needs no Python,
# its test, and the desktop entry, icons and file type for the current user.
BUNDLE := dist/corrigenda
XDG_DATA_HOME ?= $(HOME)/.local/share
ICON_SIZES := 16 22 24 32 48 64 128 256 512

.PHONY: bundle bundle-test install-desktop

# PyInstaller is the optional 'bundle' extra: only these targets install it.
$(VENV)/.bundle-installed: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev,bundle]'
	touch $@

bundle: $(VENV)/.bundle-installed
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/corrigenda.spec
	@du -sh $(BUNDLE)

bundle-test: bundle
	packaging/bundle_test.sh $(BUNDLE)

# The entry starts the bundle when it is built, else the development install.
install-desktop:
	@prog=$$(realpath -e $(BUNDLE)/corrigenda 2>/dev/null || realpath -e $(BIN)/corrigenda 2>/dev/null) \
		|| { echo "install-desktop: no program yet: run 'make bundle' (or 'make venv')" >&2; exit 1; }; \
	data="$(XDG_DATA_HOME)"; \
	mkdir -p "$$data/applications" "$$data/mime/packages" "$$data/metainfo" \
		"$$data/icons/hicolor/scalable/apps"; \
	sed -e "s|^Exec=corrigenda |Exec=\"$$prog\" |" -e "s|^TryExec=corrigenda$$|TryExec=$$prog|" \
		resources/corrigenda.desktop > "$$data/applications/corrigenda.desktop"; \
	install -m 644 resources/corrigenda-mime.xml "$$data/mime/packages/corrigenda.xml"; \
	install -m 644 resources/corrigenda.metainfo.xml "$$data/metainfo/corrigenda.metainfo.xml"; \
	install -m 644 resources/icons/corrigenda.svg "$$data/icons/hicolor/scalable/apps/corrigenda.svg"; \
	for size in $(ICON_SIZES); do \
		install -D -m 644 resources/icons/hicolor/$${size}x$${size}/apps/corrigenda.png \
			"$$data/icons/hicolor/$${size}x$${size}/apps/corrigenda.png"; \
	done; \
	if command -v update-mime-database >/dev/null; then update-mime-database "$$data/mime"; fi; \
	if command -v update-desktop-database >/dev/null; then update-desktop-database "$$data/applications"; fi; \
	if command -v gtk-update-icon-cache >/dev/null; then \
		gtk-update-icon-cache -q -f -t "$$data/icons/hicolor" || true; fi; \
	if command -v xdg-mime >/dev/null; then \
		xdg-mime default corrigenda.desktop application/x-corrigenda || true; fi; \
	echo "installed corrigenda.desktop (runs $$prog), icons and the *.corrigenda file type in $$data"
