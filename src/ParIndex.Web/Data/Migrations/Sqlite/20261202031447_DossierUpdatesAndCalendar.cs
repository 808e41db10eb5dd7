using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ParIndex.Web.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<DateTime>(
                name: "UndoneAtUtc",
                table: "DossierImports",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UndoneBy",
                table: "DossierImports",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "UpdatedCount",
                table: "DossierImports",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "CalendarDay",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarDay", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DossierImportChange",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ImportId = table.Column<int>(type: "INTEGER", nullable: false),
                    DossierId = table.Column<int>(type: "INTEGER", nullable: false),
                    VersionAfter = table.Column<Guid>(type: "TEXT", nullable: false),
                    VersionBefore = table.Column<Guid>(type: "TEXT", nullable: true),
                    PreviousProcedure = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    PreviousUnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    PreviousReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PreviousDueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PreviousReturnedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PreviousNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
