/*
 * TEST-ONLY stand-in for Windows' own icuuc.dll, for running the Windows build under wine.
 *
 * Qt 6.10+ (Qt6Core.dll) links to the system ICU that Windows 10 1809+ and 11 ship; wine 8 has
 * none, so without this file Qt6Core.dll does not load at all. Qt uses ICU only for legacy text
 * codecs (QStringConverter with names like "GBK"), which Nianbao never asks Qt for: every
 * converter "fails to open" here and Qt falls back to its built-in UTF codecs.
 *
 * tools/build-windows.sh builds this with mingw into the wine prefix's system32 only. It must
 * never ship: the script checks that no icuuc.dll is in the bundle or the zip.
 */
#include <stddef.h>
#include <stdint.h>

#define EXPORT __declspec(dllexport)
#define U_MISSING_RESOURCE_ERROR 2

typedef uint16_t UChar;
typedef int UErrorCode;
typedef struct UConverter UConverter;

EXPORT UConverter *ucnv_open(const char *name, UErrorCode *err)
{
    (void)name;
    if (err && *err <= 0)
        *err = U_MISSING_RESOURCE_ERROR;
    return NULL;
}

EXPORT void ucnv_close(UConverter *cnv) { (void)cnv; }
EXPORT void ucnv_reset(UConverter *cnv) { (void)cnv; }
EXPORT int8_t ucnv_getMaxCharSize(const UConverter *cnv) { (void)cnv; return 4; }
EXPORT const char *ucnv_getName(const UConverter *cnv, UErrorCode *err) { (void)cnv; (void)err; return "UTF-8"; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }

EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err)
{
    (void)name; (void)standard; (void)err;
    return NULL;
}

EXPORT int32_t ucnv_toUCountPending(const UConverter *cnv, UErrorCode *err) { (void)cnv; (void)err; return 0; }
EXPORT int32_t ucnv_fromUCountPending(const UConverter *cnv, UErrorCode *err) { (void)cnv; (void)err; return 0; }

/* Never reached without an open converter; they exist so that Qt6Core.dll can link. */
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) {}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) {}
EXPORT void ucnv_getToUCallBack(void) {}
EXPORT void ucnv_getFromUCallBack(void) {}
EXPORT void ucnv_setToUCallBack(void) {}
EXPORT void ucnv_setFromUCallBack(void) {}
EXPORT void ucnv_cbToUWriteUChars(void) {}
EXPORT void ucnv_cbFromUWriteUChars(void) {}
EXPORT void ucnv_toUnicode(void) {}
EXPORT void ucnv_fromUnicode(void) {}
