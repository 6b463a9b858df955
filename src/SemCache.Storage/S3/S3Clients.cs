using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace SemCache.Storage.S3;

/// <summary>One way to build an S3 client that works with AWS S3, Cloudflare R2 and MinIO alike.</summary>
public static class S3Clients
{
    /// <param name="serviceUrl">The endpoint for R2 or MinIO; null for AWS S3 (the region picks the endpoint).</param>
    public static AmazonS3Client Create(Uri? serviceUrl, string region, bool forcePathStyle)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = forcePathStyle,
            AuthenticationRegion = region,

            // Checksums only where S3 demands them: R2, MinIO and older servers reject or ignore the newer defaults.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (serviceUrl is not null)
        {
            config.ServiceURL = serviceUrl.ToString();
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return new AmazonS3Client(config);
    }
}
