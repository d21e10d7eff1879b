# Packages of Mahalleh (included by the Makefile). Every artefact is a
# release build (fyne package -release: -trimpath, no debug info, Fyne's
# thread checks off as FyneApp.toml's fyneDo migration allows) with the
# version from FyneApp.toml in its file name:
#
#   make package-linux    dist/mahalleh-V-linux-amd64.tar.xz (binary, desktop file, icon;
#                         `make user-install` inside installs it for one user)
#   make package-windows  dist/mahalleh-V-windows-amd64.exe (per-user NSIS installer
#                         with Mahalleh.exe, its console twin mahalleh.com and an uninstaller)
#   make package-hq       dist/mahalleh-hq-V-linux-amd64.tar.xz (server, systemd unit, README)
#   make release          all three and dist/SHA256SUMS
#   make check-package    checks what the packages hold and that they start (packaging/check.sh)

VERSION      := $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
BUILD_NUMBER := $(shell sed -n 's/^Build *= *\([0-9]*\).*/\1/p' FyneApp.toml)
FYNE_TOOLS   := v1.7.4
FYNE         := bin/tools/fyne
WITH_GO      := ./.ci/with-go
DIST         := dist
PKG          := build/package
MINGW_CC     := x86_64-w64-mingw32-gcc

.PHONY: deps-package package-linux package-windows package-hq release check-package

# fyne package writes a file into the source folder while it builds, so each
# package is built from its own copy of the tree: two packages can be built
# at once (make -j) and the working tree is never touched.
define copy_src
	rm -rf $(1) && mkdir -p $(1) && tar -c --exclude=./.git --exclude=./bin --exclude=./build \
		--exclude=./dist --exclude='*.db' . | tar -x -C $(1)
endef

deps-package:
	@./.ci/deps package

# fyne calls go itself: GOFLAGS is emptied so that its own -tags (release,
# migrated_fynedo, and ours) are the only ones.
$(FYNE):
	@echo "mahalleh: installing the fyne packaging tool $(FYNE_TOOLS) (once; a few minutes)"
	GOFLAGS= GOBIN=$(CURDIR)/bin/tools $(WITH_GO) go install fyne.io/tools/cmd/fyne@$(FYNE_TOOLS)

package-linux: deps-package $(FYNE)
	@echo "mahalleh: building the Linux package (a release build: the first one takes several minutes)"
	@mkdir -p $(DIST)
	@$(call copy_src,$(PKG)/linux/src)
	cd $(PKG)/linux/src && GOFLAGS= $(CURDIR)/$(WITH_GO) $(CURDIR)/$(FYNE) package -os linux -release \
		-tags $(TAGS) -src .
	mv $(PKG)/linux/src/Mahalleh.tar.xz $(DIST)/mahalleh-$(VERSION)-linux-amd64.tar.xz
	@ls -l $(DIST)/mahalleh-$(VERSION)-linux-amd64.tar.xz

# CGO_LDFLAGS=-lssp: mingw-w64 links of Fyne + SQLite need libssp when the C
# flags ask for stack protection (fyne.io/tools v1.7.1 and v1.7.2 did).
package-windows: deps-package $(FYNE)
	@echo "mahalleh: cross-compiling Mahalleh.exe for Windows with mingw-w64 (the first build takes 6 minutes or more)"
	@mkdir -p $(DIST)
	@$(call copy_src,$(PKG)/windows/src)
	cd $(PKG)/windows/src && GOFLAGS= CC=$(MINGW_CC) CGO_LDFLAGS=-lssp GOARCH=amd64 $(CURDIR)/$(WITH_GO) \
		$(CURDIR)/$(FYNE) package -os windows -release -tags $(TAGS) -src .
	mv $(PKG)/windows/src/Mahalleh.exe $(PKG)/windows/Mahalleh.exe
	@echo "mahalleh: building the console twin mahalleh.com (runs Mahalleh.exe's commands from cmd, PowerShell, scripts)"
	GOFLAGS= GOOS=windows GOARCH=amd64 CGO_ENABLED=0 $(WITH_GO) go build -trimpath -ldflags "-s -w" \
		-o $(PKG)/windows/mahalleh.com ./packaging/windows/console
	cp assets/icon.ico $(PKG)/windows/icon.ico
	@echo "mahalleh: making the installer (NSIS)"
	makensis -V2 -DVERSION=$(VERSION) -DBUILD=$(BUILD_NUMBER) -DSRC=$(CURDIR)/$(PKG)/windows \
		-DOUT=$(CURDIR)/$(DIST)/mahalleh-$(VERSION)-windows-amd64.exe packaging/windows/installer.nsi
	@ls -l $(PKG)/windows/Mahalleh.exe $(DIST)/mahalleh-$(VERSION)-windows-amd64.exe

package-hq: deps
	@echo "mahalleh: building the HQ server for Linux x86-64 (release build)"
	@rm -rf $(PKG)/hq && mkdir -p $(PKG)/hq/mahalleh-hq-$(VERSION) $(DIST)
	GOOS=linux GOARCH=amd64 $(GO) build -trimpath -ldflags "-s -w" \
		-o $(PKG)/hq/mahalleh-hq-$(VERSION)/mahalleh-hq ./sync/cmd/mahalleh-hq
	cp packaging/hq/mahalleh-hq.service packaging/hq/README.txt $(PKG)/hq/mahalleh-hq-$(VERSION)/
	tar -C $(PKG)/hq -cJf $(DIST)/mahalleh-hq-$(VERSION)-linux-amd64.tar.xz mahalleh-hq-$(VERSION)
	@ls -l $(DIST)/mahalleh-hq-$(VERSION)-linux-amd64.tar.xz

release: package-linux package-windows package-hq
	cd $(DIST) && rm -f SHA256SUMS && sha256sum mahalleh-$(VERSION)-linux-amd64.tar.xz \
		mahalleh-$(VERSION)-windows-amd64.exe mahalleh-hq-$(VERSION)-linux-amd64.tar.xz > SHA256SUMS
	@echo "mahalleh: release $(VERSION) (build $(BUILD_NUMBER)) is in $(DIST)/:" && cat $(DIST)/SHA256SUMS

check-package: deps-package
	@VERSION=$(VERSION) BUILD_NUMBER=$(BUILD_NUMBER) ./packaging/check.sh
