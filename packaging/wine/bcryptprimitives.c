/*
 * A stand-in for Windows' bcryptprimitives.dll, for running Go programs
 * under wine 8.0 (Debian 12's) in the packaging check only; it is never
 * shipped. Go 1.24 and later take their random numbers from ProcessPrng in
 * bcryptprimitives.dll, which every Windows 10 and 11 has but this wine
 * lacks, so without it no Go program of this version starts under it
 * ("fatal error: bcryptprimitives.dll not found"). ProcessPrng here asks
 * wine's bcrypt for the system RNG, as Windows' own does.
 *
 *   x86_64-w64-mingw32-gcc -O2 -shared -s -o bcryptprimitives.dll \
 *     bcryptprimitives.c bcryptprimitives.def -lbcrypt
 */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T n) {
  while (n > 0) {
    ULONG chunk = n > 0x10000000 ? 0x10000000 : (ULONG)n;
    if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
      return FALSE;
    data += chunk;
    n -= chunk;
  }
  return TRUE;
}
