#if NETSTANDARD2_0
// Lets records and init-only setters compile for netstandard2.0 (Windows PowerShell 5.1); the compiler
// only needs the type to exist.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}
#endif
