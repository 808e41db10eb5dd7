using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ParIndex.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SessionsAndAppendOnlyAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuthSessions",
                columns: table => new
                {
                    KeyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Ticket = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuthSessions", x => x.KeyHash);
                    table.ForeignKey(
                        name: "FK_AuthSessions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuthSessions_ExpiresAt",
                table: "AuthSessions",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_AuthSessions_UserId",
                table: "AuthSessions",
                column: "UserId");

            // The audit trail is append-only in the database too, whatever the client: UPDATE and DELETE are refused.
            migrationBuilder.Sql(@"CREATE TRIGGER ""TR_AuditEntries_NoUpdate"" BEFORE UPDATE ON ""AuditEntries""
BEGIN SELECT RAISE(ABORT, 'AuditEntries is append-only: UPDATE refused'); END;");
            migrationBuilder.Sql(@"CREATE TRIGGER ""TR_AuditEntries_NoDelete"" BEFORE DELETE ON ""AuditEntries""
BEGIN SELECT RAISE(ABORT, 'AuditEntries is append-only: DELETE refused'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(@"DROP TRIGGER IF EXISTS ""TR_AuditEntries_NoUpdate"";");
            migrationBuilder.Sql(@"DROP TRIGGER IF EXISTS ""TR_AuditEntries_NoDelete"";");
            migrationBuilder.DropTable(
                name: "AuthSessions");
        }
    }
}
