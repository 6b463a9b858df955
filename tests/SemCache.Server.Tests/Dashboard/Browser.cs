using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace SemCache.Tests.Dashboard;

/// <summary>Debian's headless chromium driven by its chromedriver (both from scripts/browser/install.sh).</summary>
internal static class Browser
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ChromeDriver = "/usr/bin/chromedriver";

    /// <summary>Starts chromium with a fresh profile; fails (never skips) when it is not installed.</summary>
    public static ChromeDriver Start(string profileDirectory, int width, int height)
    {
        if (!File.Exists(Chromium) || !File.Exists(ChromeDriver))
        {
            Assert.Fail($"{Chromium} or {ChromeDriver} is missing: run scripts/browser/install.sh (as root) to install Debian's chromium and chromium-driver.");
        }

        // Both paths are given, so Selenium never looks for (or downloads) a browser or a driver of its own.
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            $"--window-size={width},{height}",
            "--user-data-dir=" + profileDirectory);
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }
}
