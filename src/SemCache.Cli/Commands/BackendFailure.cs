using System.Data.Common;
using System.Net.Http;
using System.Net.Sockets;
using Amazon.Runtime;

namespace SemCache.Cli.Commands;

/// <summary>
/// One line for a store, index or endpoint that cannot be reached, whichever command met it: these are the
/// operator's configuration or network, not a bug, so they get no stack trace.
/// </summary>
public static class BackendFailure
{
    /// <summary>The line to print, or null when the exception is not a backend failure.</summary>
    public static string? Describe(Exception ex) => ex switch
    {
        AmazonServiceException or AmazonClientException =>
            $"the S3 store failed: {FirstLine(ex)} Check S3:ServiceUrl, S3:Bucket and the AWS credential variables.",
        DbException => $"the PostgreSQL index failed: {FirstLine(ex)} Check Postgres:ConnectionString.",
        HttpRequestException or SocketException or TimeoutException =>
            $"a service did not answer: {FirstLine(ex)} Check the S3 service URL, the PostgreSQL connection string or the embedder endpoint.",
        AggregateException { InnerExceptions: [var only] } => Describe(only),
        _ => null,
    };

    // The SDK's credential error lists every provider on its own lines; the first says what is wrong.
    private static string FirstLine(Exception ex)
    {
        var line = ex.Message.Split('\n', 2)[0].Trim().TrimEnd(':');
        return line.EndsWith('.') ? line : line + ".";
    }
}
