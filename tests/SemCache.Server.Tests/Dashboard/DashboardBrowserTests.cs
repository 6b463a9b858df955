using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;
using SemCache.Server.Hosting;
using SemCache.Tests.Infrastructure;

namespace SemCache.Tests.Dashboard;

/// <summary>
/// The dashboard in a real browser after real traffic: totals, gallery and the explain form. Screenshots go to
/// artifacts/ under the test's output directory.
/// </summary>
public sealed class DashboardBrowserTests : IDisposable
{
    private const string Token = "browser-test-token-0123456789abcdef";

    private readonly TempDirectory _data = new();
    private readonly TempDirectory _profile = new();

    public void Dispose()
    {
        _profile.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task Dashboard_shows_the_traffic_the_gallery_and_explains_a_prompt()
    {
        await using var server = await CacheServer.StartAsync(_data.Path, configure: s => s with { Admin = new AdminSettings { Token = Token } });
        var miss = await server.GetAsync("/prompt/a%20red%20fox%20in%20the%20snow");
        Assert.Equal("MISS", miss.Headers.GetValues("X-Cache").Single());
        var exact = await server.GetAsync("/prompt/a%20red%20fox%20in%20the%20snow");
        Assert.Equal("EXACT", exact.Headers.GetValues("X-Cache-Type").Single());
        Assert.True(await server.WaitUntilIndexedAsync(miss.Headers.GetValues("X-Cache-Key").Single(), TimeSpan.FromSeconds(10)));
        var semantic = await server.GetAsync("/prompt/A%20red%20fox%20in%20the%20snow.");
        Assert.Equal("SEMANTIC", semantic.Headers.GetValues("X-Cache-Type").Single());

        using var driver = Browser.Start(_profile.Path, 1280, 1800);
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(30));
        driver.Navigate().GoToUrl(new Uri(server.Client.BaseAddress!, "/dashboard?token=" + Token));

        // The token was traded for a cookie: the address bar no longer holds it.
        Assert.EndsWith("/dashboard", driver.Url, StringComparison.Ordinal);
        try
        {
            wait.Until(d => d.FindElement(By.Id("total-requests")).Text == "3");
        }
        catch (WebDriverTimeoutException)
        {
            Save(driver, "dashboard-failed.png");
            Assert.Fail("The totals never showed 3 requests. Page text:\n" + driver.FindElement(By.TagName("body")).Text);
        }

        Assert.Equal("1", driver.FindElement(By.Id("total-exact")).Text);
        Assert.Equal("1", driver.FindElement(By.Id("total-semantic")).Text);
        Assert.Equal("1", driver.FindElement(By.Id("total-misses")).Text);
        Assert.Equal("66.7%", driver.FindElement(By.Id("total-hit-rate")).Text);
        Assert.Equal("healthy", driver.FindElement(By.Id("health")).Text);

        var shot = Assert.Single(driver.FindElements(By.CssSelector("#gallery .shot")));
        Assert.Contains("A red fox in the snow.", shot.FindElement(By.CssSelector(".requested")).Text, StringComparison.Ordinal);
        Assert.Contains("a red fox in the snow", shot.FindElement(By.CssSelector(".matched")).Text, StringComparison.Ordinal);
        var js = (IJavaScriptExecutor)driver;
        wait.Until(_ => js.ExecuteScript("const i = document.querySelector('#gallery img'); return i.complete && i.naturalWidth > 0;") is true);
        Assert.Single(driver.FindElements(By.CssSelector("#partitions tbody tr")));
        Assert.NotEmpty(driver.FindElements(By.CssSelector("#chart-hits circle")));

        driver.FindElement(By.CssSelector("#explain input[name=prompt]")).SendKeys("a red fox in the snow!");
        driver.FindElement(By.CssSelector("#explain button")).Click();
        wait.Until(d => d.FindElements(By.Id("explain-decision")).Count == 1);
        Assert.Equal("semantic-hit", driver.FindElement(By.Id("explain-decision")).Text);
        Assert.Contains("a red fox in the snow", driver.FindElement(By.Id("explain-result")).Text, StringComparison.Ordinal);

        Save(driver, "dashboard.png");

        // Readable on a phone: emulate one (390 CSS px wide) and check that nothing is wider than the screen.
        driver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
        {
            ["width"] = 390,
            ["height"] = 844,
            ["deviceScaleFactor"] = 2,
            ["mobile"] = true,
        });
        wait.Until(_ => Convert.ToInt64(js.ExecuteScript("return window.innerWidth;")) < 1280);
        Assert.Equal("390 390", js.ExecuteScript("return window.innerWidth + ' ' + document.documentElement.scrollWidth;"));
        Save(driver, "dashboard-phone.png");
        Assert.Equal(1, server.Origin.Calls); // only the miss reached the origin
    }

    private static void Save(IWebDriver driver, string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(directory);
        ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(Path.Combine(directory, name));
    }
}
