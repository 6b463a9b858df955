using System.Reflection;
using System.Runtime.InteropServices;
using Cloud.Unum.USearch;

namespace SemCache.Index.Embedded;

/// <summary>
/// The two USearch calls its .NET binding does not expose: ef_search of a loaded index (a file keeps the defaults),
/// and reserving capacity for a whole build up front (the binding's Add grows it one row at a time). Calls the C API on
/// the binding's own native handle; with another package version that lacks the handle, the loaded graph keeps
/// USearch's default ef_search and a build grows as the binding grows it.
/// </summary>
internal static partial class NativeTuning
{
    private static readonly FieldInfo? Handle = typeof(USearchIndex).GetField("_index", BindingFlags.NonPublic | BindingFlags.Instance);

    public static bool SetExpansionSearch(USearchIndex index, int expansion)
    {
        if (Handle?.GetValue(index) is not IntPtr handle || handle == IntPtr.Zero)
        {
            return false;
        }

        ChangeExpansionSearch(handle, (nuint)expansion, out var error);
        return error == IntPtr.Zero;
    }

    /// <summary>Room for <paramref name="capacity"/> rows; false if the handle is unknown.</summary>
    public static bool Reserve(USearchIndex index, long capacity)
    {
        if (Handle?.GetValue(index) is not IntPtr handle || handle == IntPtr.Zero)
        {
            return false;
        }

        ReserveCapacity(handle, (nuint)capacity, out var error);
        return error == IntPtr.Zero;
    }

    [LibraryImport("libusearch_c", EntryPoint = "usearch_reserve")]
    private static partial void ReserveCapacity(IntPtr index, nuint capacity, out IntPtr error);

    [LibraryImport("libusearch_c", EntryPoint = "usearch_change_expansion_search")]
    private static partial void ChangeExpansionSearch(IntPtr index, nuint expansion, out IntPtr error);
}
