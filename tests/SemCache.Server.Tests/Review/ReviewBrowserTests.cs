using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;
using SemCache.Matching;
using SemCache.Server.Hosting;
using SemCache.Tests.Dashboard;
using SemCache.Tests.Infrastructure;

namespace SemCache.Tests.Review;

/// <summary>The review page in Debian's chromium: a shadow-mode pair is shown side by side and labelled with a click.</summary>
public sealed class ReviewBrowserTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _profile = new();

    public void Dispose()
    {
        _profile.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task Labelling_a_pair_on_the_review_page_changes_the_counts()
    {
        await using var server = await CacheServer.StartAsync(_data.Path, configure: s => s with
        {
            Admin = new AdminSettings { Token = ReviewApi.Token },
            Semantic = s.Semantic with { Mode = SemanticModes.Shadow },
        });
        var first = await server.GetAsync("/prompt/a%20red%20fox%20in%20the%20snow");
        Assert.True(await server.WaitUntilIndexedAsync(first.Headers.GetValues("X-Cache-Key").Single(), TimeSpan.FromSeconds(10)));
        await server.GetAsync("/prompt/A%20red%20fox%20in%20the%20snow.");
        var recorded = Assert.Single(await ReviewApi.WaitForPairsAsync(server, 1));
        await ReviewApi.ImageAsync(server, recorded.GetProperty("query").GetProperty("image").GetString()!);

        using var driver = Browser.Start(_profile.Path, 1280, 1400);
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(30));
        driver.Navigate().GoToUrl(new Uri(server.Client.BaseAddress!, "/dashboard/review?token=" + ReviewApi.Token));
        Assert.EndsWith("/dashboard/review", driver.Url, StringComparison.Ordinal);
        try
        {
            wait.Until(d => d.FindElements(By.CssSelector("#pairs .pair")).Count == 1);
        }
        catch (WebDriverTimeoutException)
        {
            Save(driver, "review-failed.png");
            Assert.Fail("The recorded pair never appeared. Page text:\n" + driver.FindElement(By.TagName("body")).Text);
        }

        Assert.Equal("1", driver.FindElement(By.Id("review-pairs")).Text);
        Assert.Equal("0", driver.FindElement(By.Id("review-labelled")).Text);
        var card = driver.FindElement(By.CssSelector("#pairs .pair"));
        Assert.Contains("A red fox in the snow.", card.Text, StringComparison.Ordinal);
        Assert.Contains("a red fox in the snow", card.Text, StringComparison.Ordinal);
        var js = (IJavaScriptExecutor)driver;
        wait.Until(_ => js.ExecuteScript("return [...document.querySelectorAll('#pairs img')].every(i => i.complete && i.naturalWidth > 0);") is true);
        Assert.Equal(2L, js.ExecuteScript("return document.querySelectorAll('#pairs img').length;"));

        driver.FindElement(By.CssSelector("#filters input[name=reviewer]")).SendKeys("carol");
        card.FindElement(By.CssSelector("button.reject")).Click();
        wait.Until(d => d.FindElement(By.Id("review-labelled")).Text == "1");
        Assert.Equal("1 / 1", driver.FindElement(By.Id("review-false-hits")).Text);
        Assert.Equal("100.0%", driver.FindElement(By.Id("review-rate")).Text);
        Assert.Contains("not acceptable · carol", card.FindElement(By.CssSelector(".state")).Text, StringComparison.Ordinal);
        Save(driver, "review.png");

        var stored = Assert.Single(await ReviewApi.PairsAsync(server, "labelled=true")).GetProperty("label");
        Assert.False(stored.GetProperty("acceptable").GetBoolean());
        Assert.Equal("carol", stored.GetProperty("reviewer").GetString());

        // The dashboard shows the same measured rate.
        driver.Navigate().GoToUrl(new Uri(server.Client.BaseAddress!, "/dashboard"));
        wait.Until(d => d.FindElement(By.Id("total-false-hit-rate")).Text == "100.0%");
        Assert.False(driver.FindElement(By.Id("shadow-card")).GetDomProperty("hidden") == "true");
        Assert.Equal("50.0%", driver.FindElement(By.Id("total-would-hit")).Text);
    }

    private static void Save(IWebDriver driver, string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(directory);
        ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(Path.Combine(directory, name));
    }
}
