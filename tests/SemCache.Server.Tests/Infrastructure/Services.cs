namespace SemCache.Tests;

/// <summary>Settings of the test PostgreSQL and S3 servers; a missing one fails the test with the fix, never skips it.</summary>
public static class Services
{
    public static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Environment variable {name} is not set. These tests need the test PostgreSQL and S3 servers: " +
                "run `eval \"$(scripts/services/up.sh)\"` (as root) in this shell, or run `bash scripts/test.sh`.");
}
