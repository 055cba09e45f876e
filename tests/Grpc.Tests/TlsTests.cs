using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Grpc.Client;
using Platform.Grpc.Tests.Infrastructure;
using Platform.Grpc.Tests.Proto;

namespace Platform.Grpc.Tests;

/// <summary>gRPC over TLS (ALPN h2) with a self-signed certificate made for the test.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task Unary_and_streaming_over_tls()
    {
        using var certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l =>
        {
            l.Protocols = HttpProtocols.Http1AndHttp2;
            l.UseHttps(certificate);
        }));
        builder.Services.AddGrpcServer();
        await using var app = builder.Build();
        app.MapGrpcService<TestServiceImpl>();
        await app.StartAsync();
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            Assert.Equal("https", address.Scheme);
            using var handler = GrpcChannel.CreateSharedHandler();
            var thumbprint = certificate.Thumbprint;
            handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) => cert is X509Certificate2 c && c.Thumbprint == thumbprint;
            using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler });

            var response = await channel.UnaryAsync(Methods.Echo, new EchoRequest { Message = "secure" }, new CallOptions().WithTimeout(TimeSpan.FromSeconds(10)));
            Assert.Equal("secure", response.Message);

            using var call = channel.DuplexStreaming(Methods.Duplex, new CallOptions().WithTimeout(TimeSpan.FromSeconds(10)));
            await call.RequestStream.WriteAsync(new EchoRequest { Message = "a" });
            Assert.True(await call.ResponseStream.MoveNext());
            Assert.Equal("a", call.ResponseStream.Current.Message);
            await call.RequestStream.CompleteAsync();
            Assert.False(await call.ResponseStream.MoveNext());

            // An untrusted certificate is a transport failure: UNAVAILABLE.
            using var strict = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = GrpcChannel.CreateSharedHandler(), DisposeHttpHandler = true });
            var ex = await Assert.ThrowsAsync<RpcException>(() => strict.UnaryAsync(Methods.Echo, new EchoRequest(), new CallOptions().WithTimeout(TimeSpan.FromSeconds(10))));
            Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
    }
}
