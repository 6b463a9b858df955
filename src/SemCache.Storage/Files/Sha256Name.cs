namespace SemCache.Storage.Files;

/// <summary>
/// Keys and digests become file names, so only 64 lowercase hex characters pass: nothing like "../" can reach a path.
/// </summary>
internal static class Sha256Name
{
    public static bool IsValid(string? name)
    {
        if (name is null || name.Length != 64)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }

    public static void Require(string? name, string paramName)
    {
        if (!IsValid(name))
        {
            throw new ArgumentException("Expected 64 lowercase hex characters (a SHA-256 digest).", paramName);
        }
    }
}
