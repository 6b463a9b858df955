using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SemCache.Cli.Configuration;
using SemCache.Core.Embedding;
using SemCache.Server.Hosting;
using SemCache.Server.Pipeline;
using Spectre.Console;

namespace SemCache.Cli.Commands;

/// <summary><c>semcache serve</c>: runs the proxy.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var port = new Option<int?>("--port") { Description = "Port to listen on (default 8080; SEMCACHE__PORT)" };
        var host = new Option<string?>("--host") { Description = "Address to bind (default 127.0.0.1; SEMCACHE__HOST)" };
        var origin = new Option<string?>("--origin") { Description = "demo (built-in renderer, default) or a base URL such as https://image.pollinations.ai (SEMCACHE__ORIGIN)" };
        var originKind = new Option<string?>("--origin-kind") { Description = "pollinations (default) or openai: the protocol of a URL origin (SEMCACHE__ORIGINKIND)" };
        var originKeyEnv = new Option<string?>("--origin-key-env") { Description = "Environment variable holding the openai origin's API key (default OPENAI_API_KEY)" };
        var delay = new Option<int?>("--demo-delay") { Description = "Artificial generation time of the demo origin in ms (default 1500; SEMCACHE__DEMODELAYMS)" };
        var index = CommonOptions.Index();
        var store = CommonOptions.Store();
        var threshold = CommonOptions.Threshold();
        var seedPolicy = CommonOptions.SeedPolicy();
        var embedderKind = CommonOptions.Embedder();
        var command = new Command("serve", "Run the caching proxy (GET /prompt/{prompt}, /explain/{prompt}, /health)")
        {
            data, port, host, origin, originKind, originKeyEnv, delay, index, store, threshold, seedPolicy, embedderKind,
        };
        command.SetAction(async (parse, ct) =>
        {
            var overrides = new Dictionary<string, string?>();
            Put(overrides, "Data", parse.GetValue(data));
            Put(overrides, "Port", parse.GetValue(port)?.ToString(CultureInfo.InvariantCulture));
            Put(overrides, "Host", parse.GetValue(host));
            Put(overrides, "Origin", parse.GetValue(origin));
            Put(overrides, "OriginKind", parse.GetValue(originKind));
            Put(overrides, "OriginKeyEnv", parse.GetValue(originKeyEnv));
            Put(overrides, "DemoDelayMs", parse.GetValue(delay)?.ToString(CultureInfo.InvariantCulture));
            Put(overrides, "Index", parse.GetValue(index));
            Put(overrides, "Store", parse.GetValue(store));
            Put(overrides, "Semantic:Threshold", parse.GetValue(threshold)?.ToString(CultureInfo.InvariantCulture));
            Put(overrides, "SeedPolicy", parse.GetValue(seedPolicy));
            Put(overrides, "Embedder:Kind", parse.GetValue(embedderKind));
            var settings = SettingsLoader.Load(overrides, out var errors);
            if (settings is null)
            {
                return CliOutput.Fail(errors);
            }

            if (PortTaken(settings.Host, settings.Port) is { } taken)
            {
                return CliOutput.Fail($"cannot listen on {settings.Host}:{settings.Port}: {taken}. Pick another --port (or SEMCACHE__PORT).");
            }

            WebApplication app;
            try
            {
                app = SemCacheServer.Build(settings);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                return CliOutput.Fail(ex.Message);
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or System.Net.Sockets.SocketException or Amazon.Runtime.AmazonServiceException)
            {
                return CliOutput.Fail($"cannot open the {settings.Index.Word()} index or the {settings.Store.Word()} store: {ex.Message}");
            }

            await using (app)
            {
                try
                {
                    // Before the host starts, which would log a failure with its stack trace before we could say it in one line.
                    await BackendStartup.OpenAsync(app.Services, ct);
                }
                catch (Exception ex) when (ex is System.Data.Common.DbException or System.Net.Sockets.SocketException or TimeoutException)
                {
                    return CliOutput.Fail($"cannot open the {settings.Index.Word()} index: {ex.Message}");
                }

                try
                {
                    await app.StartAsync(ct);
                }
                catch (IOException ex)
                {
                    return CliOutput.Fail($"cannot listen on {settings.Host}:{settings.Port}: {ex.Message.TrimEnd('.')}. Pick another --port.");
                }

                var coverage = app.Services.GetRequiredService<IPromptCoverage>();
                var originTier = app.Services.GetRequiredService<OriginTier>();
                var grid = new Grid().AddColumn().AddColumn();
                grid.AddRow("[bold]url[/]", Markup.Escape(string.Join(", ", app.Urls)));
                grid.AddRow("[bold]data[/]", Markup.Escape(Path.GetFullPath(settings.Data)));
                grid.AddRow("[bold]origin[/]", Markup.Escape(originTier.Description));
                grid.AddRow("[bold]embedder[/]", Markup.Escape(coverage.EmbedderId));
                grid.AddRow("[bold]index[/]", Markup.Escape(settings.Index.Word()));
                grid.AddRow("[bold]store[/]", Markup.Escape(settings.Store.Word()));
                grid.AddRow("[bold]threshold[/]", settings.Semantic.Threshold.ToString("0.000", CultureInfo.InvariantCulture));
                grid.AddRow("[bold]seed policy[/]", Markup.Escape(settings.SeedPolicy.Word()));
                AnsiConsole.Write(new Panel(grid).Header("semcache serving").Border(BoxBorder.Rounded));
                AnsiConsole.MarkupLine("Try: [blue]curl -sD- -o /dev/null {0}/prompt/a%20red%20fox%20in%20the%20snow[/]", Markup.Escape(app.Urls.First()));
                await app.WaitForShutdownAsync(ct);
            }

            return 0;
        });
        return command;
    }

    /// <summary>
    /// Why the port cannot be bound, or null. Checked before the host starts because Kestrel logs a bind failure with
    /// its whole stack trace on stdout before the CLI can report it in one line.
    /// </summary>
    private static string? PortTaken(string host, int port)
    {
        if (port == 0)
        {
            return null;
        }

        var address = IPAddress.TryParse(host.Trim('[', ']'), out var parsed) ? parsed : IPAddress.Loopback;
        try
        {
            using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(address, port));
            probe.Listen();
            return null;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse)
        {
            return "the port is already in use";
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressNotAvailable)
        {
            return "no such local address";
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AccessDenied)
        {
            return "permission denied (ports below 1024 need privileges)";
        }
        catch (SocketException)
        {
            // Anything else is left to Kestrel, which reports it itself.
            return null;
        }
    }

    internal static void Put(Dictionary<string, string?> overrides, string key, string? value)
    {
        if (value is not null)
        {
            overrides[key] = value;
        }
    }
}
