using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ParIndex.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DossierUpdatesAndCalendar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "Version",
                table: "Dossiers",
                type: "uniqueidentifier",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<DateTime>(
                name: "UndoneAtUtc",
                table: "DossierImports",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UndoneBy",
                table: "DossierImports",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "UpdatedCount",
                table: "DossierImports",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "CalendarDay",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarDay", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DossierImportChange",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ImportId = table.Column<int>(type: "int", nullable: false),
                    DossierId = table.Column<int>(type: "int", nullable: false),
                    VersionAfter = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    VersionBefore = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    PreviousProcedure = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    PreviousUnitId = table.Column<int>(type: "int", nullable: true),
                    PreviousReceivedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PreviousDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PreviousReturnedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PreviousNote = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DossierImportChange", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DossierImportChange_DossierImports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "DossierImports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DossierImportChange_Dossiers_DossierId",
                        column: x => x.DossierId,
                        principalTable: "Dossiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DossierYearTotal",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Year = table.Column<int>(type: "int", nullable: false),
                    Total = table.Column<int>(type: "int", nullable: false),
                    Source = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    By = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DossierYearTotal", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CalendarDay_Date",
                table: "CalendarDay",
                column: "Date",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DossierImportChange_DossierId",
                table: "DossierImportChange",
                column: "DossierId");

            migrationBuilder.CreateIndex(
                name: "IX_DossierImportChange_ImportId",
                table: "DossierImportChange",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_DossierYearTotal_Year",
                table: "DossierYearTotal",
                column: "Year",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CalendarDay");

            migrationBuilder.DropTable(
                name: "DossierImportChange");

            migrationBuilder.DropTable(
                name: "DossierYearTotal");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Dossiers");

            migrationBuilder.DropColumn(
                name: "UndoneAtUtc",
                table: "DossierImports");

            migrationBuilder.DropColumn(
                name: "UndoneBy",
                table: "DossierImports");

            migrationBuilder.DropColumn(
                name: "UpdatedCount",
                table: "DossierImports");
        }
    }
}
