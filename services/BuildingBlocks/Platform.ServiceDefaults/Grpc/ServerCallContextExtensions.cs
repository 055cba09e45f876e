using System.Security.Claims;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Grpc;

public static class ServerCallContextExtensions
{
    extension(ServerCallContext context)
    {
        /// <summary>The caller authenticated from the gateway's signed identity header (anonymous when absent).</summary>
        public ClaimsPrincipal User => context.GetHttpContext().User;
    }
}
