namespace SemCache.Storage.Files;

/// <summary>
/// Write-then-rename: the bytes go to a temp file beside the target, are flushed to the device, and are renamed over
/// the target, so a reader (or a crash) sees the old file or the new one, never half of one. The directory itself is
/// not fsynced (.NET has no API for it): after a power cut a journaling file system may show the old file, never a torn one.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Ends every temp file name; leftovers from a crash carry it and are skipped and cleaned.</summary>
    public const string TempExtension = ".tmp";

    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temp = $"{path}.{Guid.NewGuid():N}{TempExtension}";
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                Options = FileOptions.Asynchronous,
                PreallocationSize = bytes.Length,
            };
            await using (var stream = new FileStream(temp, options))
            {
                await stream.WriteAsync(bytes, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Deletes temp files left by writes a crash interrupted; returns how many went.</summary>
    public static int CleanTempFiles(string directory)
    {
        var removed = 0;
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true };
        foreach (var temp in Directory.EnumerateFiles(directory, "*" + TempExtension, options))
        {
            if (TryDelete(temp))
            {
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Deletes the file if it is there; false when it was not (File.Delete throws for a missing folder).</summary>
    public static bool DeleteIfExists(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
