using Npgsql;
using NpgsqlTypes;
using Pgvector;
using SemCache.Core.Index;

namespace SemCache.Index.Postgres;

/// <summary>Writes entries with binary COPY: one round trip and no SQL text per row, for bulk loads and migrations.</summary>
internal static class PostgresBulkCopy
{
    internal static async Task WriteAsync(
        NpgsqlConnection connection, string copySql, IEnumerable<IndexEntry> entries, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(copySql, cancellationToken);
        foreach (var entry in entries)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(entry.Key, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(entry.Partition, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(entry.EmbedderId, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(entry.Prompt, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(new Vector(entry.Vector), "vector", cancellationToken);
            await writer.WriteAsync(entry.BlobSha256, NpgsqlDbType.Text, cancellationToken);
            // timestamptz takes UTC only; the instant is what matters.
            await writer.WriteAsync(entry.Created.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }
}
