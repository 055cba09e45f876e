using Google.Protobuf.Reflection;

namespace Platform.Grpc;

/// <summary>
/// A gRPC service implementation: names its protobuf service descriptor and binds handler methods.
/// The instance is resolved per call from DI when registered (any lifetime), else constructed per call.
/// </summary>
/// <example>
/// <code>
/// public sealed class GreeterService(IClock clock) : IGrpcService&lt;GreeterService&gt;
/// {
///     public static ServiceDescriptor Descriptor => GreeterReflection.Descriptor.Services[0];
///     public static void Bind(ServiceBinder&lt;GreeterService&gt; b) =>
///         b.Unary&lt;HelloRequest, HelloReply&gt;("SayHello", static (s, req, ctx) => s.SayHello(req, ctx));
///     public Task&lt;HelloReply&gt; SayHello(HelloRequest req, ServerCallContext ctx) => ...;
/// }
/// </code>
/// </example>
public interface IGrpcService<TSelf> where TSelf : class, IGrpcService<TSelf>
{
    /// <summary>The protobuf service, e.g. <c>XxxReflection.Descriptor.Services[0]</c>.</summary>
    static abstract ServiceDescriptor Descriptor { get; }

    /// <summary>Binds handlers to the service's methods. Unbound methods answer UNIMPLEMENTED.</summary>
    static abstract void Bind(ServiceBinder<TSelf> binder);
}
