# mk/lib.mk - libgainstage: the C model as a static and a shared library with a
# pkg-config file, and `make install` (issue 12).
#
#   make lib                       build/lib/libgainstage.{a,so}, gainstage.pc
#   make install PREFIX=/usr/local headers, libraries, .pc, gsref, the Icarus VPI module
#                                  (lib/gainstage/gs_vpi.vpi) and the DPI-C sources
#                                  (share/gainstage/); DESTDIR honoured
#   make test-lib                  install into a temp prefix; an out-of-tree program
#                                  built only with pkg-config must agree with gsref
#
# The shared library exports only the functions declared in its installed headers
# (a version script generated from them, so that an API change follows; their
# static inline helpers are not symbols of the library).

PREFIX      ?= /usr/local
# the tools' shared code as is: gs_model.c takes gs_cli's messages through its sink
LIB_SRC     := $(MODEL_SRC) lib/gs_model.c $(CLI_SRC)
LIB_MAP     := $(LIB_DIR)/gainstage.map
LIB_PC      := $(LIB_DIR)/gainstage.pc
LIB_OBJ     := $(patsubst %.c,$(LIB_DIR)/obj/%.o,$(notdir $(LIB_SRC)))
LIB_CFLAGS  := $(WARN) $(CFLAGS) -fPIC -fvisibility=default -Icmodel -Itools -Ilib

.PHONY: lib install test-lib

lib: $(LIB_A) $(LIB_SO) $(LIB_PC)

vpath %.c cmodel lib tools
$(LIB_DIR)/obj/%.o: %.c $(MODEL_HDR) $(CLI_HDR) $(LIB_HDR) | deps-core
	@mkdir -p $(@D)
	$(CC) $(LIB_CFLAGS) -c $< -o $@

$(LIB_A): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

# Every gs_* name declared with a '(' outside comments in the installed headers.
$(LIB_MAP): $(LIB_HDR)
	@mkdir -p $(@D)
	@{ echo "GAINSTAGE_$(LIB_SOMAJOR) {"; echo "  global:"; \
	   grep -hv -e '^ *[/*]' -e '^static inline' $(LIB_HDR) | grep -o '\bgs_[a-z0-9_]*(' | tr -d '(' | sort -u | \
	     sed 's/.*/    &;/'; \
	   echo "  local: *;"; echo "};"; } > $@

$(LIB_SO): $(LIB_OBJ) $(LIB_MAP)
	$(CC) -shared -Wl,-soname,libgainstage.so.$(LIB_SOMAJOR) -Wl,--version-script=$(LIB_MAP) \
	  -Wl,--no-undefined $(LIB_OBJ) -lm -o $@
	ln -sf $(notdir $@) $(LIB_DIR)/libgainstage.so.$(LIB_SOMAJOR)
	ln -sf $(notdir $@) $(LIB_DIR)/libgainstage.so

$(LIB_PC): lib/gainstage.pc.in mk/lib.mk
	@mkdir -p $(@D)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(LIB_VERSION)|' $< > $@

# The .pc file is written for the PREFIX given here, whatever `make lib` used.
# (the VPI module is named by its path: mk/vpi.mk is read after this file)
install: $(LIB_A) $(LIB_SO) $(GSREF) $(BUILD)/vpi/gs_vpi.vpi
	install -d $(DESTDIR)$(PREFIX)/include/gainstage $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	  $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/gainstage $(DESTDIR)$(PREFIX)/share/gainstage
	install -m 644 $(LIB_HDR) $(DESTDIR)$(PREFIX)/include/gainstage/
	install -m 644 $(LIB_A) $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(LIB_SO) $(DESTDIR)$(PREFIX)/lib/
	ln -sf $(notdir $(LIB_SO)) $(DESTDIR)$(PREFIX)/lib/libgainstage.so.$(LIB_SOMAJOR)
	ln -sf $(notdir $(LIB_SO)) $(DESTDIR)$(PREFIX)/lib/libgainstage.so
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(LIB_VERSION)|' lib/gainstage.pc.in \
	  > $(DESTDIR)$(PREFIX)/lib/pkgconfig/gainstage.pc
	install -m 755 $(GSREF) $(DESTDIR)$(PREFIX)/bin/
	install -m 755 $(BUILD)/vpi/gs_vpi.vpi $(DESTDIR)$(PREFIX)/lib/gainstage/
	install -m 644 dpi/gainstage_pkg.sv dpi/gs_dpi.c $(DESTDIR)$(PREFIX)/share/gainstage/
	@echo "install: libgainstage $(LIB_VERSION), headers, gainstage.pc, gsref, gs_vpi.vpi, DPI-C sources -> $(DESTDIR)$(PREFIX)"

# The same example built from the sources under ASan/UBSan (the binding layer's tests).
LIB_SAN_HELLO := $(LIB_DIR)/gs_hello_san
$(LIB_SAN_HELLO): lib/example/gs_hello.c $(LIB_SRC) $(LIB_HDR) $(MODEL_HDR) $(CLI_HDR) | deps-core
	@mkdir -p $(@D)
	$(CC) $(WARN) -O1 -g $(SAN) -Icmodel -Itools -Ilib $< $(LIB_SRC) -lm -o $@

test-lib: $(LIB_A) $(LIB_SO) $(LIB_MAP) $(GSREF) $(BUILD)/vpi/gs_vpi.vpi $(LIB_SAN_HELLO)
	@MAKE="$(MAKE)" BUILD=$(BUILD) CC="$(CC)" lib/test_lib.sh $(abspath $(GSREF)) $(LIB_MAP) \
	  $(abspath $(LIB_SAN_HELLO))

TEST_TARGETS += test-lib
